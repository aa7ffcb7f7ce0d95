package org.cassandramesos.scheduler.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupManifest;
import org.cassandramesos.protocol.TaskData;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Writes backups to S3 the way the executor does (blobs, schema, manifest last) and looks at what is there. */
public final class ExecutorStyleBackups {
    private final S3AsyncClient s3;
    private final BackupLayout layout;

    public ExecutorStyleBackups(S3ProxyFixture fixture) {
        this.s3 = fixture.client();
        this.layout = new BackupLayout(fixture.location());
    }

    public BackupLayout layout() {
        return layout;
    }

    /** One node's part: every file as a blob, schema.cql when given, and (if {@code complete}) the manifest. */
    public BackupManifest writeNode(
            String backup, String node, Map<String, String> files, String schema, boolean complete) {
        List<BackupManifest.File> entries = new ArrayList<>();
        files.forEach((path, content) -> {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            put(layout.blobKey(sha256(bytes)), bytes);
            entries.add(new BackupManifest.File(path, bytes.length, sha256(bytes), sha1(bytes)));
        });
        if (schema != null) {
            put(layout.schemaKey(backup, node), schema.getBytes(StandardCharsets.UTF_8));
        }
        BackupManifest manifest =
                new BackupManifest(backup, node, "5.0.6", 1_700_000_000_000L, 1_700_000_060_000L, entries, List.of());
        if (complete) {
            try {
                put(layout.manifestKey(backup, node), TaskData.mapper().writeValueAsBytes(manifest));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return manifest;
    }

    public boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(layout.location().bucket()).key(key)).join();
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof NoSuchKeyException
                    || (e.getCause() instanceof software.amazon.awssdk.services.s3.model.S3Exception s3e
                            && s3e.statusCode() == 404)) {
                return false;
            }
            throw e;
        }
    }

    public byte[] read(String key) {
        return s3.getObject(r -> r.bucket(layout.location().bucket()).key(key), AsyncResponseTransformer.toBytes())
                .join()
                .asByteArray();
    }

    public BackupManifest manifest(String backup, String node) throws java.io.IOException {
        return TaskData.mapper().readValue(read(layout.manifestKey(backup, node)), BackupManifest.class);
    }

    private void put(String key, byte[] bytes) {
        s3.putObject(r -> r.bucket(layout.location().bucket()).key(key), AsyncRequestBody.fromBytes(bytes))
                .join();
    }

    public static String sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha1(String content) {
        return sha1(content.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        return hash("SHA-256", bytes);
    }

    static String sha1(byte[] bytes) {
        return hash("SHA-1", bytes);
    }

    private static String hash(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
