package org.cassandramesos.bench.backup;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** How many bytes a store holds under a prefix, from its own listing: what an upload really sent. */
final class StoredBytes {
    private StoredBytes() {}

    static long under(S3AsyncClient s3, String bucket, String prefix) {
        AtomicLong total = new AtomicLong();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix))
                .contents()
                .subscribe(object -> total.addAndGet(object.size()))
                .join();
        return total.get();
    }
}
