package org.cassandramesos.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's size and checksums: sha256 names its blob, sha1 is the file store API's {@code X-Content-SHA1}.
 *
 * @param sha256 lower-case hex
 * @param sha1   lower-case hex
 */
public record FileDigest(long size, String sha256, String sha1) {
    private static final int BUFFER = 256 * 1024;

    /** Reads {@code file} once, computing both checksums as it streams. */
    public static FileDigest of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, OutputStream.nullOutputStream());
        }
    }

    /** Copies {@code in} to {@code out} and returns the digest of what went through. */
    public static FileDigest copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest sha1 = digest("SHA-1");
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            sha256.update(buffer, 0, n);
            sha1.update(buffer, 0, n);
            out.write(buffer, 0, n);
            size += n;
        }
        return new FileDigest(
                size, HexFormat.of().formatHex(sha256.digest()), HexFormat.of().formatHex(sha1.digest()));
    }

    public static FileDigest of(byte[] content) {
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest sha1 = digest("SHA-1");
        return new FileDigest(
                content.length,
                HexFormat.of().formatHex(sha256.digest(content)),
                HexFormat.of().formatHex(sha1.digest(content)));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
