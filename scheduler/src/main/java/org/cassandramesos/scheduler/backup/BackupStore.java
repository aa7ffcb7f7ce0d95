package org.cassandramesos.scheduler.backup;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupLocation;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The objects of one backup location (keys from {@link BackupLayout}) over S3. Every call is bounded: metadata calls
 * by the configured timeout, transfers by that timeout per started 64 MiB. Failures become a
 * {@link BackupProblem.Kind#STORE_FAILED} naming the location (never its keys) and what went wrong.
 */
public final class BackupStore implements AutoCloseable {
    /** S3's limit of keys per DeleteObjects request. */
    static final int DELETE_BATCH = 1000;
    /** How {@link #call} tells a DeleteObjects request (whose 501 means: delete one by one) from others. */
    private static final String BULK_DELETE = "bulk-delete ";
    private static final long TRANSFER_CHUNK = 64L * 1024 * 1024;
    /** Manifests, schemas and tombstones are small; anything larger is not ours. */
    private static final long MAX_SMALL_OBJECT = 64L * 1024 * 1024;

    private final S3AsyncClient s3;
    private final BackupLayout layout;
    private final Duration timeout;
    private final java.util.concurrent.atomic.AtomicBoolean bulkDeleteUnsupported = new java.util.concurrent.atomic.AtomicBoolean();

    public BackupStore(S3AsyncClient s3, BackupLayout layout, Duration timeout) {
        this.s3 = s3;
        this.layout = layout;
        this.timeout = timeout;
    }

    public BackupLayout layout() {
        return layout;
    }

    private BackupLocation location() {
        return layout.location();
    }

    /** The names of the "directories" directly under {@code prefix} (list with delimiter), paginated to the end. */
    List<String> childPrefixes(String prefix) {
        List<String> prefixes = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                    .bucket(location().bucket()).prefix(prefix).delimiter("/").continuationToken(token);
            ListObjectsV2Response page = call("list " + prefix, () -> s3.listObjectsV2(request.build()), timeout);
            page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(prefixes::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return prefixes;
    }

    /** Every key under {@code prefix}, paginated to the end. */
    List<String> keysUnder(String prefix) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                    .bucket(location().bucket()).prefix(prefix).continuationToken(token);
            ListObjectsV2Response page = call("list " + prefix, () -> s3.listObjectsV2(request.build()), timeout);
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return keys;
    }

    boolean exists(String key) {
        try {
            call("head " + key, () -> s3.headObject(r -> r.bucket(location().bucket()).key(key)), timeout);
            return true;
        } catch (NotThere e) {
            return false;
        }
    }

    /** A small object (manifest, schema, tombstone), or empty when there is none. */
    Optional<byte[]> read(String key) {
        try {
            byte[] bytes = call("get " + key, () -> s3.getObject(r -> r.bucket(location().bucket()).key(key),
                    AsyncResponseTransformer.toBytes()), timeout).asByteArray();
            if (bytes.length > MAX_SMALL_OBJECT) {
                throw BackupProblem.storeFailed(location() + ": " + key + " is unexpectedly large");
            }
            return Optional.of(bytes);
        } catch (NotThere e) {
            return Optional.empty();
        }
    }

    void write(String key, byte[] content, String contentType) {
        call("put " + key, () -> s3.putObject(r -> r.bucket(location().bucket()).key(key).contentType(contentType),
                AsyncRequestBody.fromBytes(content)), timeout);
    }

    /** Stores a file as the blob named by its sha256 unless that blob is already there (content-addressed). */
    void putBlobIfAbsent(String sha256, Path file, long size) {
        String key = layout.blobKey(sha256);
        if (exists(key)) {
            return;
        }
        call("put " + key, () -> s3.putObject(r -> r.bucket(location().bucket()).key(key).contentLength(size),
                AsyncRequestBody.fromFile(file)), transferTimeout(size));
    }

    /** The content of a blob, streamed; the caller closes it. Reading a stalled stream fails after the client's read timeout. */
    InputStream openBlob(String sha256, long size) {
        String key = layout.blobKey(sha256);
        try {
            return call("get " + key, () -> s3.getObject(r -> r.bucket(location().bucket()).key(key),
                    AsyncResponseTransformer.toBlockingInputStream()), transferTimeout(size));
        } catch (NotThere e) {
            throw BackupProblem.storeFailed(location() + " has lost the content of this file (blob " + sha256 + ")");
        }
    }

    /**
     * Deletes keys in batches of {@link #DELETE_BATCH}; keys already gone are fine. Uses one DeleteObjects request per
     * batch, or, on a store that does not implement it with the SDK's checksum headers (S3Proxy: 501), one
     * DeleteObject per key, the batch's requests in flight together.
     */
    void delete(Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
            if (!bulkDeleteUnsupported.get()) {
                try {
                    deleteInOneRequest(batch);
                    continue;
                } catch (BulkDeleteNotImplemented e) {
                    bulkDeleteUnsupported.set(true);
                }
            }
            deleteOneByOne(batch);
        }
    }

    private void deleteInOneRequest(List<String> batch) {
        List<ObjectIdentifier> objects = batch.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        var answer = call(BULK_DELETE + batch.size() + " objects", () -> s3.deleteObjects(r -> r.bucket(location().bucket())
                .delete(Delete.builder().objects(objects).quiet(true).build())), timeout);
        if (!answer.errors().isEmpty()) {
            var first = answer.errors().get(0);
            throw BackupProblem.storeFailed("the backup store " + location() + " refused to delete " + answer.errors().size()
                    + " objects (" + first.key() + ": " + first.code() + ")");
        }
    }

    private void deleteOneByOne(List<String> batch) {
        CompletableFuture<?>[] deletes = batch.stream()
                .map(key -> s3.deleteObject(r -> r.bucket(location().bucket()).key(key)))
                .toArray(CompletableFuture[]::new);
        call("delete " + batch.size() + " objects", () -> CompletableFuture.allOf(deletes),
                timeout.multipliedBy(1 + batch.size() / 100));
    }

    private Duration transferTimeout(long size) {
        return timeout.multipliedBy(1 + size / TRANSFER_CHUNK);
    }

    /** A 404 from the store, which callers turn into "absent". */
    private static final class NotThere extends RuntimeException {
        NotThere() {
            super(null, null, false, false);
        }
    }

    /** DeleteObjects answered 501 Not Implemented. */
    private static final class BulkDeleteNotImplemented extends RuntimeException {
        BulkDeleteNotImplemented() {
            super(null, null, false, false);
        }
    }

    private <T> T call(String what, Supplier<CompletableFuture<T>> request, Duration bound) {
        CompletableFuture<T> future = request.get();
        try {
            return future.get(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw BackupProblem.storeFailed("the backup store " + location() + " did not answer within "
                    + bound.toSeconds() + "s (" + what + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw BackupProblem.storeFailed("interrupted while calling the backup store " + location());
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof NoSuchKeyException
                    || (cause instanceof S3Exception s3e && s3e.statusCode() == 404 && !isNoSuchBucket(s3e))) {
                throw new NotThere();
            }
            if (cause instanceof S3Exception s3e && s3e.statusCode() == 501 && what.startsWith(BULK_DELETE)) {
                throw new BulkDeleteNotImplemented();
            }
            if (cause instanceof S3Exception s3e) {
                String code = s3e.awsErrorDetails() == null ? "" : " " + s3e.awsErrorDetails().errorCode();
                throw BackupProblem.storeFailed("the backup store " + location() + " answered " + s3e.statusCode() + code
                        + " (" + what + ")");
            }
            if (cause instanceof SdkClientException) {
                throw BackupProblem.storeFailed("cannot reach the backup store " + location() + " (" + what + ": "
                        + cause.getClass().getSimpleName() + ")");
            }
            throw BackupProblem.storeFailed("the backup store " + location() + " failed (" + what + ": "
                    + cause.getClass().getSimpleName() + ")");
        }
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    @Override
    public void close() {
        s3.close();
    }
}
