package org.cassandramesos.executor.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes the one-class agent jar Cassandra is started with, from the executor's own copy of the class. */
public final class ParentWatchAgentJar {
    private ParentWatchAgentJar() {}

    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path jar = dir.resolve("parent-watch-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchAgent.class.getName());
        String entry = ParentWatchAgent.class.getName().replace('.', '/') + ".class";
        try (InputStream classBytes = ParentWatchAgent.class.getClassLoader().getResourceAsStream(entry);
             OutputStream out = Files.newOutputStream(jar);
             JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            if (classBytes == null) {
                throw new IOException("cannot find " + entry + " on the executor's classpath");
            }
            jarOut.putNextEntry(new JarEntry(entry));
            classBytes.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return jar;
    }
}
