package org.cassandramesos.scheduler.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.cassandramesos.backup.FileDigest;

/**
 * A file a client sent, spooled to a temporary file while its SHA-256 (the blob's name) and SHA-1 (seed 001's
 * {@code X-Content-SHA1}) are computed. Closing deletes the temporary file.
 */
public final class ReceivedFile implements AutoCloseable {
    private final Path file;
    private final FileDigest digest;

    private ReceivedFile(Path file, FileDigest digest) {
        this.file = file;
        this.digest = digest;
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
        try (OutputStream out = Files.newOutputStream(file)) {
            return new ReceivedFile(file, FileDigest.copy(new AtMost(body, maxBytes), out));
        } catch (IOException e) {
            deleteQuietly(file);
            if (causedByTimeout(e)) {
                throw new BackupProblem(BackupProblem.Kind.CLIENT_TIMEOUT, "the file was coming in too slowly");
            }
            throw new BackupProblem(BackupProblem.Kind.INVALID, "the upload broke off: " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public long size() {
        return digest.size();
    }

    public String sha256() {
        return digest.sha256();
    }

    public String sha1() {
        return digest.sha1();
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    /** The body, refused (TOO_LARGE) as soon as it goes past {@code maxBytes}. */
    private static final class AtMost extends FilterInputStream {
        private final long maxBytes;
        private long read;

        AtMost(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(n);
            return n;
        }

        private void count(int n) {
            if (n > 0) {
                read += n;
                if (read > maxBytes) {
                    throw new BackupProblem(
                            BackupProblem.Kind.TOO_LARGE,
                            "the file is larger than the " + maxBytes / (1024 * 1024)
                                    + " MiB allowed (BACKUP_MAX_FILE_MB)");
                }
            }
        }
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless; the OS temp cleaner removes it
        }
    }
}
