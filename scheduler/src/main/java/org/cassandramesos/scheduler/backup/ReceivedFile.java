package org.cassandramesos.scheduler.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeoutException;

/**
 * A file a client sent, spooled to a temporary file while its SHA-256 (the blob's name) and SHA-1 (seed 001's
 * {@code X-Content-SHA1}) are computed. Closing deletes the temporary file.
 */
public final class ReceivedFile implements AutoCloseable {
    private final Path file;
    private final long size;
    private final String sha256;
    private final String sha1;

    private ReceivedFile(Path file, long size, String sha256, String sha1) {
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
        this.sha1 = sha1;
    }

    /**
     * Reads {@code body} to its end.
     *
     * @throws BackupProblem TOO_LARGE past {@code maxBytes}, CLIENT_TIMEOUT when the server's idle timeout ends a
     *                       stalled upload
     */
    public static ReceivedFile receive(InputStream body, long maxBytes) {
        Path file;
        try {
            file = Files.createTempFile("backup-upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for an upload", e);
        }
        try {
            MessageDigest sha256 = digest("SHA-256");
            MessageDigest sha1 = digest("SHA-1");
            long size = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BackupProblem(BackupProblem.Kind.TOO_LARGE,
                                "the file is larger than the " + maxBytes / (1024 * 1024) + " MiB allowed (BACKUP_MAX_FILE_MB)");
                    }
                    sha256.update(buffer, 0, n);
                    sha1.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                if (causedByTimeout(e)) {
                    throw new BackupProblem(BackupProblem.Kind.CLIENT_TIMEOUT, "the file was coming in too slowly");
                }
                throw new BackupProblem(BackupProblem.Kind.INVALID, "the upload broke off: " + e.getMessage());
            }
            return new ReceivedFile(file, size, hex(sha256), hex(sha1));
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public String sha1() {
        return sha1;
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless; the OS temp cleaner removes it
        }
    }
}
