package org.cassandramesos.executor.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobState;
import org.cassandramesos.protocol.jobs.JobStatus;

/**
 * The executor's own metrics (docs/metrics.md), read from its jobs at each scrape: bytes each kind of job moved to or
 * from the backup store (its {@code rate()} is the backup or restore throughput), and the progress of the latest job
 * of each kind. One registry per executor, none process-wide.
 */
public final class ExecutorMetrics {
    private static final String PREFIX = "cassandra_mesos_node_";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();

    public ExecutorMetrics(NodeJobs jobs) {
        CounterWithCallback.builder()
                .name(PREFIX + "job_bytes_transferred")
                .help("Bytes jobs sent to or read from the backup store since the executor started, by kind "
                        + "(files already in place are not counted); rate() is the transfer rate")
                .labelNames("kind")
                .callback(cb -> {
                    for (JobKind kind : JobKind.values()) {
                        cb.call(jobs.counters().bytesTransferred(kind), kind.wireName());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name(PREFIX + "job_running")
                .help("1 while a job of this kind runs on the node")
                .labelNames("kind")
                .callback(cb -> {
                    Map<JobKind, JobStatus> latest = latest(jobs);
                    for (JobKind kind : JobKind.values()) {
                        JobStatus job = latest.get(kind);
                        cb.call(job != null && job.state() == JobState.RUNNING ? 1 : 0, kind.wireName());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name(PREFIX + "job_files")
                .help("Files of the latest job of each kind: total, done (moved or already in place), skipped "
                        + "(already in place)")
                .labelNames("kind", "quantity")
                .callback(cb -> latest(jobs).forEach((kind, job) -> {
                    JobProgress p = job.progress() == null ? JobProgress.NONE : job.progress();
                    cb.call(p.filesTotal(), kind.wireName(), "total");
                    cb.call(p.filesDone(), kind.wireName(), "done");
                    cb.call(p.filesSkipped(), kind.wireName(), "skipped");
                }))
                .register(registry);
        GaugeWithCallback.builder()
                .name(PREFIX + "job_bytes")
                .help("Bytes of the latest job of each kind: total, and done (files already in place count as done)")
                .labelNames("kind", "quantity")
                .callback(cb -> latest(jobs).forEach((kind, job) -> {
                    JobProgress p = job.progress() == null ? JobProgress.NONE : job.progress();
                    cb.call(p.bytesTotal(), kind.wireName(), "total");
                    cb.call(p.bytesDone(), kind.wireName(), "done");
                }))
                .register(registry);
    }

    /** The latest job of each kind the executor still remembers (its history is bounded). */
    private static Map<JobKind, JobStatus> latest(NodeJobs jobs) {
        Map<JobKind, JobStatus> latest = new EnumMap<>(JobKind.class);
        jobs.list().forEach(job -> latest.putIfAbsent(job.kind(), job)); // newest first
        return latest;
    }

    public String contentType() {
        return text.getContentType();
    }

    public void writeTo(OutputStream out) throws IOException {
        text.write(out, registry.scrape());
    }
}
