package org.cassandramesos.executor.secrets;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.cassandramesos.protocol.secrets.SecretBundle;

/**
 * The cluster secrets ({@link SecretBundle#clusterPart()}: node API token, CQL password; never TLS material) a node
 * keeps on its persistent volume, next to the data they protect, so a scheduler that generated them and restarted can
 * recall them (docs/secrets.md). One JSON file, {@code <volume>/.cluster-secrets/cluster-secrets.json}, in a directory
 * only the owner can enter (0700), readable by the owner only (0600, set when the file is created: never a moment with
 * looser modes), and written whole or not at all (a temporary file in the same directory, flushed, then moved over the
 * old one), because the nodes may hold the only copy.
 */
public record VolumeSecrets(Path file) {
    static final String DIRECTORY = ".cluster-secrets";
    static final String FILE = "cluster-secrets.json";
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    /** The file on the persistent volume at {@code volume}. */
    public static VolumeSecrets on(Path volume) {
        return new VolumeSecrets(volume.resolve(DIRECTORY).resolve(FILE));
    }

    /**
     * Keeps {@code bundle}'s cluster part, replacing what was kept before. Returns false, and writes nothing, when the
     * bundle holds no cluster secret.
     */
    public boolean write(SecretBundle bundle) throws IOException {
        SecretBundle clusterPart = bundle.clusterPart();
        if (clusterPart.isEmpty()) {
            return false;
        }
        Path dir = file.getParent();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        }
        Files.setPosixFilePermissions(dir, OWNER_DIRECTORY); // the umask may have taken bits; an old one may be looser
        Path partial =
                Files.createTempFile(dir, "." + FILE, ".partial", PosixFilePermissions.asFileAttribute(OWNER_FILE));
        byte[] json = clusterPart.encode();
        try {
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(partial, file, ATOMIC_MOVE, REPLACE_EXISTING);
        } finally {
            Arrays.fill(json, (byte) 0);
            Files.deleteIfExists(partial); // only left when the move did not happen
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true); // the rename itself survives a crash of the agent
        }
        return true;
    }

    /**
     * The cluster secrets kept here; empty when there is no file.
     *
     * @throws IOException when the file cannot be read or holds no cluster secrets (the message quotes no content)
     */
    public Optional<SecretBundle> read() throws IOException {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            SecretBundle clusterPart = SecretBundle.decode(json).clusterPart();
            if (clusterPart.isEmpty()) {
                throw new IOException(file + " holds no cluster secret");
            }
            return Optional.of(clusterPart);
        } catch (IllegalArgumentException e) {
            // without the cause: a JSON parser's message can quote the content
            throw new IOException(file + " is not a JSON object of secret names to values");
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }
}
