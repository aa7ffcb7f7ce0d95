package org.cassandramesos.executor.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.FileDigest;
import org.cassandramesos.backup.S3Clients;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The objects of one backup location, as the backup and restore jobs need them: small JSON/CQL documents, and blobs
 * streamed from and to files. Every S3 failure becomes an {@link IOException} naming the operation and the key
 * (never the credentials).
 */
final class BlobStore implements AutoCloseable {
    /** Object metadata carrying a blob's sha256 ({@code x-amz-meta-sha256}), for anyone inspecting the store. */
    static final String SHA256_METADATA = "sha256";

    private static final Logger LOG = LoggerFactory.getLogger(BlobStore.class);
    private static final Pattern SHA256_NAME = Pattern.compile("[0-9a-f]{64}");
    private static final Duration UPLOAD_DEADLINE_BASE = Duration.ofMinutes(2);
    private static final long MIN_UPLOAD_BYTES_PER_SECOND = 1024L * 1024;

    private final BackupLayout layout;
    private final S3AsyncClient s3;

    BlobStore(BackupLayout layout, S3AsyncClient s3) {
        this.layout = layout;
        this.s3 = s3;
    }

    /** Opens a client for the target's location with its keys, or else the default AWS credential chain. */
    static BlobStore open(BackupTarget target, int maxConcurrency) {
        BackupLocation location = BackupLocation.parse(target.location());
        return new BlobStore(new BackupLayout(location), S3Clients.create(location, target.keys(), target.defaultCredentials(), maxConcurrency));
    }

    BackupLayout layout() {
        return layout;
    }

    /**
     * Fails early, with a clear message, when the bucket does not exist. A policy that grants object access under a
     * prefix but not HEAD on the bucket (403) is fine: the object operations that follow tell.
     */
    void requireBucket() throws IOException {
        String bucket = layout.location().bucket();
        try {
            s3.headBucket(r -> r.bucket(bucket)).get();
        } catch (ExecutionException | CompletionException e) {
            if (notFound(e.getCause())) {
                throw new IOException("bucket '" + bucket + "' does not exist at " + layout.location());
            }
            if (e.getCause() instanceof S3Exception s3e && s3e.statusCode() == 403) {
                return;
            }
            throw failure("HEAD bucket", bucket, e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /**
     * Every blob of the location and its size, from one listing of {@code _blobs/} (a request per 1,000 blobs) instead
     * of a HEAD per file. Only keys named by a sha256 count: not the temporary files a store may show of a write cut
     * short (S3Proxy's filesystem store lists {@code <sha256>-<uuid>} while writing).
     */
    Map<String, Long> blobSizes() throws IOException {
        String prefix = layout.location().key(BackupLayout.BLOBS) + "/";
        Map<String, Long> sizes = new ConcurrentHashMap<>();
        try {
            s3.listObjectsV2Paginator(r -> r.bucket(bucket()).prefix(prefix)).contents()
                    .subscribe(object -> {
                        if (SHA256_NAME.matcher(object.key().substring(prefix.length())).matches()) {
                            sizes.put(object.key(), object.size());
                        }
                    }).get();
        } catch (ExecutionException | CompletionException e) {
            throw failure("list", prefix, e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        return sizes;
    }

    boolean exists(String key) throws IOException {
        return head(key).isPresent();
    }

    /** Whether an upload of this many bytes goes multipart (and may leave an unfinished upload behind). */
    static boolean isMultipart(long bytes) {
        return bytes >= S3Clients.MULTIPART_THRESHOLD_BYTES;
    }

    /**
     * Before a multipart {@link #upload}: aborts the unfinished multipart uploads of {@code key} an earlier attempt
     * left (the store was gone, so it could not abort them itself). A separate step so the caller can do it before it
     * takes an upload slot. Never fails: the upload that follows starts one of its own anyway.
     */
    void abortLeftUploads(String key) {
        try {
            int aborted = abortUnfinishedUploads(key);
            if (aborted > 0) {
                LOG.info("aborted {} unfinished multipart upload(s) of {} left by an earlier attempt", aborted, key);
            }
        } catch (IOException e) {
            // S3Proxy's filesystem store, for one, cannot abort an upload whose part write was cut by a crash.
            LOG.warn("could not abort an unfinished multipart upload of {} ({}); uploading anew", key, e.getMessage());
        }
    }

    /**
     * Uploads {@code file} (multipart when large); the caller checks the stored sizes afterwards, all at once, with
     * {@link #blobSizes()}. The object
     * appears only once complete (a PUT and a CompleteMultipartUpload are atomic in S3), so a failure leaves no
     * partial blob. A multipart upload of this key that an earlier attempt could not abort (the store was gone) is
     * aborted by {@link #abortLeftUploads} first; one this attempt leaves is aborted before the failure is thrown, if
     * the store answers. Neither abort failing fails the upload: the job's outcome is the upload's. Each request is
     * retried as {@link S3Clients#retryStrategy()} says, and the whole upload ends after
     * {@link #uploadDeadline(long)}.
     */
    void upload(Path file, String key, FileDigest digest) throws IOException {
        boolean multipart = isMultipart(digest.size());
        Duration deadline = uploadDeadline(digest.size());
        CompletableFuture<PutObjectResponse> put = s3.putObject(r -> r.bucket(bucket()).key(key).contentLength(digest.size())
                        .metadata(Map.of(SHA256_METADATA, digest.sha256())),
                AsyncRequestBody.fromFile(file));
        try {
            put.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            put.cancel(true);
            throw afterCleanup(multipart, key, new IOException("S3 PUT " + key + " at " + layout.location()
                    + " did not finish within " + deadline.toSeconds() + " s (" + digest.size() + " bytes)"));
        } catch (ExecutionException | CompletionException e) {
            throw afterCleanup(multipart, key, failure("PUT", key, e));
        } catch (InterruptedException e) {
            put.cancel(true);
            throw interrupted(e);
        }
    }

    /**
     * How long one blob's upload may take in all (every part and retry): two minutes plus the size at 1 MiB/s, so a
     * store that accepts connections but stalls ends the job instead of holding it forever.
     */
    static Duration uploadDeadline(long bytes) {
        return UPLOAD_DEADLINE_BASE.plusSeconds(bytes / MIN_UPLOAD_BYTES_PER_SECOND);
    }

    /** Aborts every multipart upload of exactly {@code key} that is still open; returns how many. */
    int abortUnfinishedUploads(String key) throws IOException {
        List<MultipartUpload> open = new ArrayList<>();
        try {
            s3.listMultipartUploadsPaginator(r -> r.bucket(bucket()).prefix(key)).uploads()
                    .subscribe(upload -> {
                        if (upload.key().equals(key)) {
                            open.add(upload);
                        }
                    }).get();
        } catch (ExecutionException | CompletionException e) {
            throw failure("list multipart uploads of", key, e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        for (MultipartUpload upload : open) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket()).key(key).uploadId(upload.uploadId())).get();
            } catch (ExecutionException | CompletionException e) {
                if (!notFound(e.getCause())) { // already gone (completed or aborted meanwhile)
                    throw failure("abort multipart upload " + upload.uploadId() + " of", key, e);
                }
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
        return open.size();
    }

    private IOException afterCleanup(boolean multipart, String key, IOException failure) {
        if (multipart) {
            try {
                abortUnfinishedUploads(key);
            } catch (IOException e) {
                LOG.warn("could not abort the unfinished multipart upload of {} ({}); the next upload of it does",
                        key, e.getMessage());
            }
        }
        return failure;
    }

    void put(String key, byte[] content) throws IOException {
        try {
            s3.putObject(r -> r.bucket(bucket()).key(key).contentLength((long) content.length),
                    AsyncRequestBody.fromBytes(content)).get();
        } catch (ExecutionException | CompletionException e) {
            throw failure("PUT", key, e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /**
     * A small object's content, or empty when there is none; an object larger than {@code maxBytes} fails with an
     * error naming {@code what}, after reading at most {@code maxBytes + 1} bytes of it.
     */
    Optional<byte[]> get(String key, String what, int maxBytes) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket()).key(key),
                AsyncResponseTransformer.toBlockingInputStream()).get()) {
            Long announced = in.response().contentLength();
            if (announced != null && announced > maxBytes) {
                throw tooLarge(what, key, maxBytes);
            }
            byte[] content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw tooLarge(what, key, maxBytes);
            }
            return Optional.of(content);
        } catch (ExecutionException | CompletionException e) {
            if (notFound(e.getCause())) {
                return Optional.empty();
            }
            throw failure("GET", key, e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private IOException tooLarge(String what, String key, int maxBytes) {
        return new IOException(what + " (" + key + " at " + layout.location() + ") is larger than the "
                + (maxBytes / (1024 * 1024)) + " MiB a restore reads; refusing it");
    }

    /** What a download wrote: its size and the sha256 of its content, computed as it streamed. */
    record Downloaded(long size, String sha256) {}

    /**
     * Streams the object into {@code target} (replacing it), hashing each chunk as it is written (one pass, no second
     * read of the file), and returns the size and sha256 of what was written.
     */
    Downloaded download(String key, Path target) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        long[] size = new long[1];
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ResponsePublisher<GetObjectResponse> body = s3.getObject(r -> r.bucket(bucket()).key(key),
                    AsyncResponseTransformer.toPublisher()).get();
            body.subscribe(buffer -> {
                sha256.update(buffer.duplicate());
                try {
                    while (buffer.hasRemaining()) {
                        size[0] += out.write(buffer);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get();
        } catch (ExecutionException | CompletionException e) {
            if (notFound(e.getCause())) {
                throw new IOException("blob " + key + " is missing from " + layout.location());
            }
            if (e.getCause() instanceof UncheckedIOException written) {
                throw new IOException("could not write " + target + ": " + written.getCause().getMessage(), written.getCause());
            }
            throw failure("GET", key, e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        return new Downloaded(size[0], HexFormat.of().formatHex(sha256.digest()));
    }

    private Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket()).key(key)).get());
        } catch (ExecutionException | CompletionException e) {
            if (notFound(e.getCause())) {
                return Optional.empty();
            }
            throw failure("HEAD", key, e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private String bucket() {
        return layout.location().bucket();
    }

    private static boolean notFound(Throwable error) {
        return error instanceof S3Exception s3 && s3.statusCode() == 404;
    }

    private IOException failure(String operation, String key, Exception e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String what;
        if (cause instanceof S3Exception s3e) {
            what = s3e.awsErrorDetails() != null && s3e.awsErrorDetails().errorCode() != null
                    ? s3e.awsErrorDetails().errorCode() + " " : "";
        } else {
            // no (complete) answer from the store, after the client's retries
            what = cause instanceof SdkClientException ? "the store could not be reached or the connection broke: " : "";
        }
        return new IOException("S3 " + operation + " " + key + " at " + layout.location() + " failed: " + what
                + cause.getMessage(), cause);
    }

    private static IOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new java.io.InterruptedIOException("interrupted while talking to S3");
    }

    @Override
    public void close() {
        s3.close();
    }
}
