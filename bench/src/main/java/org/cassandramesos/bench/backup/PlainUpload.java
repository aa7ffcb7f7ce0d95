package org.cassandramesos.bench.backup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.executor.node.SnapshotCatalog.TableSnapshot;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The baseline: what any script does — snapshot, {@code putObject} every SSTable file of the snapshot, 4 at a time,
 * under {@code <prefix>/<keyspace>/<table>/<file>}, clear the snapshot. No hashing, no skipping, no manifest.
 */
final class PlainUpload {
    static final int PARALLEL_FILES = 4;

    private PlainUpload() {}

    /** @return the bytes of the snapshot's files, all uploaded */
    static long run(CassandraNode node, String keyspace, String tag, S3AsyncClient s3, String bucket, String prefix)
            throws InterruptedException {
        node.withJmx(jmx -> {
            jmx.takeSnapshot(tag, List.of(keyspace));
            return null;
        });
        try {
            Semaphore slots = new Semaphore(PARALLEL_FILES);
            List<CompletableFuture<?>> uploads = new ArrayList<>();
            long bytes = 0;
            for (TableSnapshot table : node.snapshots().withTag(tag)) {
                for (Path file : node.snapshots().sstableFiles(table)) {
                    bytes += file.toFile().length();
                    String key = prefix + "/" + table.keyspace() + "/" + table.table() + "/" + file.getFileName();
                    slots.acquire();
                    uploads.add(s3.putObject(r -> r.bucket(bucket).key(key), AsyncRequestBody.fromFile(file))
                            .whenComplete((r, e) -> slots.release()));
                }
            }
            CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).join();
            return bytes;
        } finally {
            node.withJmx(jmx -> {
                jmx.clearSnapshot(tag, List.of());
                return null;
            });
        }
    }
}
