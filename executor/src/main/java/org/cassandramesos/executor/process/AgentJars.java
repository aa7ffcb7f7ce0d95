package org.cassandramesos.executor.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the agent jars Cassandra is started with ({@link ParentWatchAgent}, {@link JmxServerAgent}), each from the
 * executor's own copy of its classes.
 */
public final class AgentJars {
    private AgentJars() {}

    public static Path parentWatch(Path dir) throws IOException {
        return write(dir, "parent-watch-agent.jar", ParentWatchAgent.class, List.of(ParentWatchAgent.class));
    }

    public static Path jmxServer(Path dir) throws IOException {
        return write(
                dir,
                "jmx-server-agent.jar",
                JmxServerAgent.class,
                List.of(JmxServerAgent.class, JmxServerAgent.BoundServerSocketFactory.class));
    }

    private static Path write(Path dir, String name, Class<?> premain, List<Class<?>> classes) throws IOException {
        Files.createDirectories(dir);
        Path jar = dir.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), premain.getName());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (InputStream classBytes = type.getClassLoader().getResourceAsStream(entry)) {
                    if (classBytes == null) {
                        throw new IOException("cannot find " + entry + " on the executor's classpath");
                    }
                    jarOut.putNextEntry(new JarEntry(entry));
                    classBytes.transferTo(jarOut);
                    jarOut.closeEntry();
                }
            }
        }
        return jar;
    }
}
