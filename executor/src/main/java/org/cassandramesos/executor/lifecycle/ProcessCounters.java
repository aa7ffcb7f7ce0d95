package org.cassandramesos.executor.lifecycle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a process's cumulative I/O and the traffic of the interface that carries the node's IP, from /proc. */
public final class ProcessCounters {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessCounters.class);

    private final Path proc;

    public ProcessCounters(Path proc) {
        this.proc = proc;
    }

    public static ProcessCounters system() {
        return new ProcessCounters(Path.of("/proc"));
    }

    /** Whatever of the counters can be read (a missing or unreadable file leaves its counters out). */
    public Map<String, Long> read(long pid, String ip) {
        Map<String, Long> counters = new TreeMap<>();
        Path dir = proc.resolve(Long.toString(pid));
        try {
            counters.putAll(ProcIo.parse(Files.readString(dir.resolve("io"))).counters());
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("no I/O counters for pid {}: {}", pid, e.toString());
        }
        try {
            Optional<String> nic = interfaceOf(ip);
            if (nic.isPresent()) {
                NetDev traffic = NetDev.parse(
                                Files.readString(dir.resolve("net").resolve("dev")))
                        .get(nic.get());
                if (traffic != null) {
                    counters.putAll(traffic.counters());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("no network counters for pid {}: {}", pid, e.toString());
        }
        return counters;
    }

    /** The interface that carries {@code ip}: {@code lo} for every loopback address (127.0.0.0/8 is all on lo). */
    static Optional<String> interfaceOf(String ip) throws IOException {
        InetAddress address = InetAddress.getByName(ip);
        if (address.isLoopbackAddress()) {
            return Optional.of("lo");
        }
        return Optional.ofNullable(NetworkInterface.getByInetAddress(address)).map(NetworkInterface::getName);
    }
}
