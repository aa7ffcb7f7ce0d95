package org.cassandramesos.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The objects of one backup location over S3, for the scheduler's backups API and the executor's backup and restore
 * jobs alike. Every call is bounded (metadata calls by the call timeout, transfers by {@link #transferDeadline}) on
 * top of the client's own retries ({@link S3Clients}), and every failure is one {@link ObjectStoreException} naming
 * the operation, the key and the location. A missing object is an answer, not a failure: the calls that may meet one
 * say so in their result.
 */
public final class ObjectStore implements AutoCloseable {
    /** The call timeout of the executor's jobs: long enough for a slow listing page, short of a stuck job. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);
    /** S3's limit of keys per DeleteObjects request. */
    public static final int DELETE_BATCH = 1000;
    /** The slowest transfer that counts as progress: a store that accepts connections but stalls ends the call. */
    static final long MIN_TRANSFER_BYTES_PER_SECOND = 1024L * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);

    private final S3AsyncClient s3;
    private final BackupLayout layout;
    private final Duration callTimeout;
    private final AtomicBoolean bulkDeleteUnsupported = new AtomicBoolean();

    /** @param s3 closed with this store */
    public ObjectStore(S3AsyncClient s3, BackupLayout layout, Duration callTimeout) {
        this.s3 = s3;
        this.layout = layout;
        this.callTimeout = callTimeout;
    }

    /** A store on a client from {@link S3Clients#create(BackupLocation, Optional, boolean, int)}. */
    public static ObjectStore open(
            BackupLocation location,
            Optional<StaticKeys> keys,
            boolean defaultCredentials,
            int maxConcurrency,
            Duration callTimeout) {
        return new ObjectStore(
                S3Clients.create(location, keys, defaultCredentials, maxConcurrency),
                new BackupLayout(location),
                callTimeout);
    }

    public BackupLayout layout() {
        return layout;
    }

    private BackupLocation location() {
        return layout.location();
    }

    private String bucket() {
        return location().bucket();
    }

    /**
     * How long a transfer of {@code bytes} may take in all (every part and retry): the call timeout plus the size at
     * {@link #MIN_TRANSFER_BYTES_PER_SECOND}.
     */
    public Duration transferDeadline(long bytes) {
        return callTimeout.plusSeconds(bytes / MIN_TRANSFER_BYTES_PER_SECOND);
    }

    /** Whether an upload of this many bytes goes multipart (and may leave an unfinished upload behind). */
    public static boolean isMultipart(long bytes) {
        return bytes >= S3Clients.MULTIPART_THRESHOLD_BYTES;
    }

    /**
     * Fails, with a clear message, when the bucket does not exist. A policy that grants object access under a prefix
     * but not HEAD on the bucket (403) passes: the object operations that follow tell.
     */
    public void requireBucket() throws ObjectStoreException {
        try {
            call("HEAD bucket", bucket(), () -> s3.headBucket(r -> r.bucket(bucket())), callTimeout);
        } catch (ObjectStoreException e) {
            if (e.status() == 404) {
                throw new ObjectStoreException("bucket '" + bucket() + "' does not exist at " + location(), 404, e);
            }
            if (e.status() != 403) {
                throw e;
            }
        }
    }

    public boolean exists(String key) throws ObjectStoreException {
        return callIfPresent(
                        "HEAD", key, () -> s3.headObject(r -> r.bucket(bucket()).key(key)), callTimeout)
                .isPresent();
    }

    /** The names of the "directories" directly under {@code prefix} (a listing with delimiter), to the last page. */
    public List<String> childPrefixes(String prefix) throws ObjectStoreException {
        List<String> prefixes = new ArrayList<>();
        list(
                prefix,
                "/",
                page -> page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(prefixes::add));
        return prefixes;
    }

    /** Every key under {@code prefix}, to the last page. */
    public List<String> keysUnder(String prefix) throws ObjectStoreException {
        List<String> keys = new ArrayList<>();
        list(prefix, null, page -> page.contents().stream().map(S3Object::key).forEach(keys::add));
        return keys;
    }

    /** Every key under {@code prefix} with its size, to the last page (a request per 1,000 keys). */
    public Map<String, Long> sizesUnder(String prefix) throws ObjectStoreException {
        Map<String, Long> sizes = new HashMap<>();
        list(prefix, null, page -> page.contents().forEach(object -> sizes.put(object.key(), object.size())));
        return sizes;
    }

    private void list(String prefix, String delimiter, Consumer<ListObjectsV2Response> eachPage)
            throws ObjectStoreException {
        String token = null;
        do {
            ListObjectsV2Request request = ListObjectsV2Request.builder()
                    .bucket(bucket())
                    .prefix(prefix)
                    .delimiter(delimiter)
                    .continuationToken(token)
                    .build();
            ListObjectsV2Response page = call("LIST", prefix, () -> s3.listObjectsV2(request), callTimeout);
            eachPage.accept(page);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    /**
     * A small object's content, or empty when there is none; one larger than {@code maxBytes} fails naming
     * {@code what}, after reading at most {@code maxBytes + 1} bytes of it.
     */
    public Optional<byte[]> read(String key, String what, int maxBytes) throws ObjectStoreException {
        Optional<ResponseInputStream<GetObjectResponse>> opened = callIfPresent(
                "GET",
                key,
                () -> s3.getObject(r -> r.bucket(bucket()).key(key), AsyncResponseTransformer.toBlockingInputStream()),
                callTimeout);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (ResponseInputStream<GetObjectResponse> in = opened.get()) {
            Long announced = in.response().contentLength();
            if (announced != null && announced > maxBytes) {
                throw tooLarge(what, key, maxBytes);
            }
            byte[] content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw tooLarge(what, key, maxBytes);
            }
            return Optional.of(content);
        } catch (ObjectStoreException e) {
            throw e;
        } catch (IOException e) {
            throw failure("GET", key, e);
        }
    }

    private ObjectStoreException tooLarge(String what, String key, int maxBytes) {
        String limit = maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MiB" : maxBytes + " bytes";
        return new ObjectStoreException(
                what + " (" + key + " at " + location() + ") is larger than the " + limit + " allowed; refusing it",
                0,
                null);
    }

    /** Writes a small object; {@code contentType} may be null (the store's default). */
    public void put(String key, byte[] content, String contentType) throws ObjectStoreException {
        call(
                "PUT",
                key,
                () -> s3.putObject(
                        r -> r.bucket(bucket())
                                .key(key)
                                .contentType(contentType)
                                .contentLength((long) content.length),
                        AsyncRequestBody.fromBytes(content)),
                callTimeout);
    }

    /**
     * Uploads {@code file} (multipart when large), within {@link #transferDeadline}. The object appears only once
     * complete (a PUT and a CompleteMultipartUpload are atomic in S3), so a failure leaves no partial object; a
     * multipart upload this call leaves open is aborted before the failure is thrown, if the store answers.
     */
    public void upload(Path file, String key, long size, Map<String, String> metadata) throws ObjectStoreException {
        try {
            call(
                    "PUT",
                    key,
                    () -> s3.putObject(
                            r -> r.bucket(bucket()).key(key).contentLength(size).metadata(metadata),
                            AsyncRequestBody.fromFile(file)),
                    transferDeadline(size));
        } catch (ObjectStoreException e) {
            if (isMultipart(size) && !Thread.currentThread().isInterrupted()) {
                try {
                    abortUnfinishedUploads(key);
                } catch (ObjectStoreException abortFailed) {
                    LOG.warn(
                            "could not abort the unfinished multipart upload of {} ({}); the next upload of it does",
                            key,
                            abortFailed.getMessage());
                }
            }
            throw e;
        }
    }

    /** Aborts every multipart upload of exactly {@code key} that is still open; returns how many. */
    public int abortUnfinishedUploads(String key) throws ObjectStoreException {
        List<MultipartUpload> open = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        do {
            String keyFrom = keyMarker;
            String uploadFrom = uploadIdMarker;
            ListMultipartUploadsResponse page = call(
                    "LIST multipart uploads of",
                    key,
                    () -> s3.listMultipartUploads(r ->
                            r.bucket(bucket()).prefix(key).keyMarker(keyFrom).uploadIdMarker(uploadFrom)),
                    callTimeout);
            page.uploads().stream().filter(upload -> upload.key().equals(key)).forEach(open::add);
            boolean more = Boolean.TRUE.equals(page.isTruncated());
            keyMarker = more ? page.nextKeyMarker() : null;
            uploadIdMarker = more ? page.nextUploadIdMarker() : null;
        } while (keyMarker != null);
        for (MultipartUpload upload : open) {
            // absent: already completed or aborted meanwhile
            callIfPresent(
                    "ABORT multipart upload " + upload.uploadId() + " of",
                    key,
                    () -> s3.abortMultipartUpload(
                            r -> r.bucket(bucket()).key(key).uploadId(upload.uploadId())),
                    callTimeout);
        }
        return open.size();
    }

    /**
     * A stream of the object's content, or empty when there is none; the caller closes it. Opening waits up to
     * {@link #transferDeadline} of {@code size}; reading a stalled stream fails after the client's read timeout.
     */
    public Optional<InputStream> openStream(String key, long size) throws ObjectStoreException {
        return callIfPresent(
                        "GET",
                        key,
                        () -> s3.getObject(
                                r -> r.bucket(bucket()).key(key), AsyncResponseTransformer.toBlockingInputStream()),
                        transferDeadline(size))
                .map(in -> in);
    }

    /** What a download wrote: its size and the sha256 of its content, computed as it streamed. */
    public record Downloaded(long size, String sha256) {}

    /**
     * Streams the object into {@code target} (replacing it) within {@link #transferDeadline} of {@code expectedSize},
     * hashing each chunk as it is written (one pass, no second read of the file); empty when there is no such object.
     * Failing to write the file is an {@link IOException} of its own, not a store failure.
     */
    public Optional<Downloaded> download(String key, Path target, long expectedSize) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        long[] size = new long[1];
        try (FileChannel out = FileChannel.open(
                target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            Optional<Long> written = callIfPresent(
                    "GET",
                    key,
                    () -> s3.getObject(
                                    r -> r.bucket(bucket()).key(key),
                                    AsyncResponseTransformer.<GetObjectResponse>toPublisher())
                            .thenCompose((ResponsePublisher<GetObjectResponse> body) -> body.subscribe(buffer -> {
                                        sha256.update(buffer.duplicate());
                                        try {
                                            while (buffer.hasRemaining()) {
                                                size[0] += out.write(buffer);
                                            }
                                        } catch (IOException e) {
                                            throw new UncheckedIOException(e);
                                        }
                                    })
                                    .thenApply(done -> size[0])),
                    transferDeadline(expectedSize));
            if (written.isEmpty()) {
                return Optional.empty();
            }
        } catch (ObjectStoreException e) {
            if (e.getCause() instanceof UncheckedIOException written) {
                throw new IOException(
                        "could not write " + target + ": " + written.getCause().getMessage(), written.getCause());
            }
            throw e;
        }
        return Optional.of(new Downloaded(size[0], HexFormat.of().formatHex(sha256.digest())));
    }

    /**
     * Deletes keys in batches of {@link #DELETE_BATCH}; keys already gone are fine. One DeleteObjects request per
     * batch, or, on a store that does not implement it with the SDK's checksum headers (S3Proxy: 501), one
     * DeleteObject per key, the batch's requests in flight together.
     */
    public void delete(Collection<String> keys) throws ObjectStoreException {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
            if (!bulkDeleteUnsupported.get()) {
                try {
                    deleteInOneRequest(batch);
                    continue;
                } catch (ObjectStoreException e) {
                    if (e.status() != 501) {
                        throw e;
                    }
                    bulkDeleteUnsupported.set(true);
                }
            }
            deleteOneByOne(batch);
        }
    }

    private void deleteInOneRequest(List<String> batch) throws ObjectStoreException {
        List<ObjectIdentifier> objects = batch.stream()
                .map(k -> ObjectIdentifier.builder().key(k).build())
                .toList();
        var answer = call(
                "DELETE",
                batch.size() + " objects",
                () -> s3.deleteObjects(r -> r.bucket(bucket())
                        .delete(Delete.builder().objects(objects).quiet(true).build())),
                callTimeout);
        if (!answer.errors().isEmpty()) {
            var first = answer.errors().get(0);
            throw new ObjectStoreException(
                    "S3 DELETE at " + location() + " failed: " + answer.errors().size() + " objects refused ("
                            + first.key() + ": " + first.code() + ")",
                    0,
                    null);
        }
    }

    private void deleteOneByOne(List<String> batch) throws ObjectStoreException {
        call(
                "DELETE",
                batch.size() + " objects (one by one)",
                () -> CompletableFuture.allOf(batch.stream()
                        .map(key -> s3.deleteObject(r -> r.bucket(bucket()).key(key)))
                        .toArray(CompletableFuture[]::new)),
                callTimeout.multipliedBy(1 + batch.size() / 100));
    }

    /** One bounded request; a missing object (404, not a missing bucket) is a failure like any other. */
    private <T> T call(String operation, String key, Supplier<CompletableFuture<T>> request, Duration bound)
            throws ObjectStoreException {
        try {
            return await(operation, key, request, bound);
        } catch (ExecutionException | CompletionException e) {
            throw failure(operation, key, e);
        }
    }

    /**
     * One bounded request whose missing object (404, not a missing bucket) is an answer: empty. The request must
     * answer a value (not null) when it succeeds.
     */
    private <T> Optional<T> callIfPresent(
            String operation, String key, Supplier<CompletableFuture<T>> request, Duration bound)
            throws ObjectStoreException {
        try {
            return Optional.ofNullable(await(operation, key, request, bound));
        } catch (ExecutionException | CompletionException e) {
            if (isAbsent(causeOf(e))) {
                return Optional.empty();
            }
            throw failure(operation, key, e);
        }
    }

    private <T> T await(String operation, String key, Supplier<CompletableFuture<T>> request, Duration bound)
            throws ObjectStoreException, ExecutionException {
        CompletableFuture<T> future = request.get();
        try {
            return future.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ObjectStoreException(
                    prefix(operation, key) + "no answer within " + bound.toSeconds() + " s", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ObjectStoreException(prefix(operation, key) + "interrupted", 0, e);
        }
    }

    private static Throwable causeOf(Exception e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isAbsent(Throwable error) {
        return error instanceof NoSuchKeyException
                || error instanceof S3Exception s3e && s3e.statusCode() == 404 && !isNoSuchBucket(s3e);
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null
                && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    /** The one error mapping: which request, which store, and what went wrong, never the credentials. */
    private ObjectStoreException failure(String operation, String key, Exception e) {
        Throwable cause = causeOf(e);
        String what;
        int status = 0;
        if (cause instanceof S3Exception s3e) {
            status = s3e.statusCode();
            what = s3e.awsErrorDetails() != null && s3e.awsErrorDetails().errorCode() != null
                    ? s3e.awsErrorDetails().errorCode() + " "
                    : "";
        } else if (cause instanceof SdkClientException || cause instanceof IOException) {
            // no (complete) answer from the store, after the client's retries
            what = "the store could not be reached or the connection broke: ";
        } else {
            what = cause.getClass().getSimpleName() + ": ";
        }
        return new ObjectStoreException(prefix(operation, key) + what + cause.getMessage(), status, cause);
    }

    private String prefix(String operation, String key) {
        return "S3 " + operation + " " + key + " at " + location() + " failed: ";
    }

    @Override
    public void close() {
        s3.close();
    }
}
