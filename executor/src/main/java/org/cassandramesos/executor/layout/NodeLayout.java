package org.cassandramesos.executor.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where one node's files live. Everything Cassandra must keep (data, commitlog, hints, caches, CDC) is on the
 * persistent volume; rendered config and logs are in the sandbox, rebuilt on every launch.
 *
 * @param cassandraHome the distribution: {@code lib/*.jar}, {@code conf/logback.xml}
 * @param volume        the persistent volume ({@code $MESOS_SANDBOX/<volume_path>})
 * @param runDir        per-launch files: {@code conf/} (cassandra.yaml, rackdc) and {@code logs/}
 */
public record NodeLayout(Path cassandraHome, Path volume, Path runDir) {

    public NodeLayout {
        cassandraHome = cassandraHome.toAbsolutePath().normalize();
        volume = volume.toAbsolutePath().normalize();
        runDir = runDir.toAbsolutePath().normalize();
    }

    public Path dataDir() {
        return volume.resolve("data");
    }

    /**
     * On the volume: present once this node's data has seen the CQL superuser log in (the cluster's logins are set up);
     * later starts need not prove it again before they count as ready.
     */
    public Path superuserReadyMarker() {
        return volume.resolve("cassandra-mesos-superuser-ready");
    }

    public Path commitlogDir() {
        return volume.resolve("commitlog");
    }

    public Path hintsDir() {
        return volume.resolve("hints");
    }

    public Path savedCachesDir() {
        return volume.resolve("saved_caches");
    }

    public Path cdcRawDir() {
        return volume.resolve("cdc_raw");
    }

    public Path confDir() {
        return runDir.resolve("conf");
    }

    public Path cassandraYaml() {
        return confDir().resolve("cassandra.yaml");
    }

    /** The node's TLS key, certificate and CA as Cassandra reads them (in the sandbox, owner-only). */
    public Path tlsDir() {
        return runDir.resolve("tls");
    }

    public Path rackDcProperties() {
        return confDir().resolve("cassandra-rackdc.properties");
    }

    /**
     * Cassandra's private temporary directory (JNA, lz4 and snappy unpack their native libraries there): the host's
     * {@code /tmp} may not be writable by the user the node runs as, and files there would outlive the sandbox.
     */
    public Path tmpDir() {
        return runDir.resolve("tmp");
    }

    public Path logDir() {
        return runDir.resolve("logs");
    }

    /** Cassandra's console (WARN and above, plus anything the JVM itself prints). */
    public Path stdoutLog() {
        return logDir().resolve("cassandra-stdout.log");
    }

    public Path systemLog() {
        return logDir().resolve("system.log");
    }

    public Path logbackXml() {
        return cassandraHome.resolve("conf").resolve("logback.xml");
    }

    /** The Prometheus JMX exporter agent shipped with the distribution (cassandra-dist copies it there). */
    public Path metricsAgentJar() {
        return cassandraHome.resolve("metrics").resolve("jmx_prometheus_javaagent.jar");
    }

    /** The exporter's rules: which MBeans become which metrics ({@code cassandra-dist/src/main/dist/metrics}). */
    public Path metricsRules() {
        return cassandraHome.resolve("metrics").resolve("cassandra-rules.yaml");
    }

    public Path libDir() {
        return cassandraHome.resolve("lib");
    }

    public void createDirectories() throws IOException {
        for (Path dir : List.of(
                dataDir(), commitlogDir(), hintsDir(), savedCachesDir(), cdcRawDir(), confDir(), logDir(), tmpDir())) {
            Files.createDirectories(dir);
        }
    }
}
