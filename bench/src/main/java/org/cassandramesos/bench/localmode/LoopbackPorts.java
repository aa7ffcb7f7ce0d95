package org.cassandramesos.bench.localmode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waits until nothing listens on the nodes' fixed ports: both modes need 127.0.0.2…:9042/7000/7199/9001. */
final class LoopbackPorts {
    private LoopbackPorts() {}

    static void awaitFree(int nodes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> busy = busy(nodes);
        while (!busy.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still in use after " + timeout + ": " + busy);
            }
            Thread.sleep(1000);
            busy = busy(nodes);
        }
    }

    private static List<String> busy(int nodes) {
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            for (int port : ClusterNodes.PORTS) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(ClusterNodes.ip(i), port), 200);
                    busy.add(ClusterNodes.ip(i) + ":" + port);
                } catch (IOException free) {
                    // nothing listening: what we want
                }
            }
        }
        return busy;
    }
}
