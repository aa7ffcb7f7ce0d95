package org.cassandramesos.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only their owner can read (mode 0600), created so: no moment where another user could open them. */
public final class PemFiles {
    private PemFiles() {}

    public static void writePrivate(Path file, String text) throws IOException {
        createPrivate(file);
        Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Creates the file 0600 (or makes an existing one 0600 before it is overwritten). */
    static void createPrivate(Path file) throws IOException {
        var owner = PosixFilePermissions.fromString("rw-------");
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, owner);
        } else {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
        }
    }
}
