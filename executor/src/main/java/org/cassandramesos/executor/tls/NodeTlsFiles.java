package org.cassandramesos.executor.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cassandramesos.tls.PemFiles;
import org.cassandramesos.tls.TlsMaterial;

/**
 * Where Cassandra reads the node's TLS material, as its {@code PEMBasedSslContextFactory} wants it: the keystore is
 * one PEM file with the private key and the certificate chain, the truststore the CA certificate(s). Both are in the
 * sandbox (never on the persistent volume: a relaunch brings a fresh certificate), mode 0600.
 */
public record NodeTlsFiles(Path keystore, Path truststore) {
    public static NodeTlsFiles in(Path dir) {
        return new NodeTlsFiles(dir.resolve("node-keystore.pem"), dir.resolve("ca-truststore.pem"));
    }

    /** Writes the material into the two files (owner-only directory and files). */
    public NodeTlsFiles write(TlsMaterial material) throws IOException {
        Path dir = keystore.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        PemFiles.writePrivate(keystore, material.privateKeyPem() + material.certificateChainPem());
        PemFiles.writePrivate(truststore, material.caPem());
        return this;
    }
}
