package org.cassandramesos.localmode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A secret local mode generates once and keeps in its data directory (ZooKeeper digest, CQL password, framework
 * secret): readable by its owner only (0600), and written whole or not at all, so a restart on the same data finds the
 * same value and a crash never leaves half of one.
 */
final class OwnerOnlyFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerOnlyFile() {}

    /** The value in {@code file} (stripped), or {@code generate}'s, written there first. */
    static String loadOrCreate(Path file, Supplier<String> generate) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY); // in case it was copied around with looser modes
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        String value = generate.get();
        Path partial = Files.createTempFile(
                file.getParent(), "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(partial, value, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return value;
    }

    /** 24 random bytes, URL-safe base64 (32 characters). */
    static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
