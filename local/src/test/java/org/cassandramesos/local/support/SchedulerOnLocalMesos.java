package org.cassandramesos.local.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh local cluster with test timings and a subscribed {@link TestScheduler} (failover timeout
 * one hour) for each test, stopped and deleted after it. Register with {@code @RegisterExtension}.
 */
public final class SchedulerOnLocalMesos implements BeforeEachCallback, AfterEachCallback {
    private final int agents;
    private final UnaryOperator<LocalMesosConfig.Builder> customize;
    private Path workDir;
    private LocalMesos mesos;
    private TestScheduler scheduler;

    public SchedulerOnLocalMesos(int agents) {
        this(agents, UnaryOperator.identity());
    }

    /** With the test cluster configuration changed by {@code customize} (e.g. {@code Builder::agentTls}). */
    public SchedulerOnLocalMesos(int agents, UnaryOperator<LocalMesosConfig.Builder> customize) {
        this.agents = agents;
        this.customize = customize;
    }

    public LocalMesos mesos() {
        return mesos;
    }

    public TestScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        workDir = Files.createTempDirectory("local-mesos-test-");
        mesos = LocalMesos.start(
                customize.apply(Clusters.config(workDir, agents)).build());
        scheduler = new TestScheduler(mesos.masterUri(), 3600).start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (scheduler != null) {
            scheduler.close();
        }
        if (mesos != null) {
            mesos.close();
        }
        if (workDir != null) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
