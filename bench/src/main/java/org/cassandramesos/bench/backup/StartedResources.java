package org.cassandramesos.bench.backup;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a bench started (S3Proxy, clients, a Cassandra node), closed last first, each once, whether the run ended,
 * failed or was interrupted: {@link #close} at the end, or a shutdown hook on Ctrl-C or kill.
 */
final class StartedResources implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Thread onExit;

    private StartedResources(String name) {
        this.onExit = new Thread(this::closeAll, name);
    }

    /** Closed by {@link #close}, or by a shutdown hook named {@code name} if the JVM is stopped first. */
    static StartedResources closedOnExit(String name) {
        StartedResources resources = new StartedResources(name);
        Runtime.getRuntime().addShutdownHook(resources.onExit);
        return resources;
    }

    <T extends AutoCloseable> T push(T resource) {
        synchronized (started) {
            started.push(resource);
        }
        return resource;
    }

    @Override
    public void close() {
        closeAll();
        Runtime.getRuntime().removeShutdownHook(onExit);
    }

    private void closeAll() {
        while (true) {
            AutoCloseable resource;
            synchronized (started) {
                resource = started.poll();
            }
            if (resource == null) {
                return;
            }
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("could not close " + resource + ": " + e.getMessage());
            }
        }
    }
}
