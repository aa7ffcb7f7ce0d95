package org.cassandramesos.localmode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local mode's own scheduler environment: {@link LocalModeSettings}' variables with local mode's secrets (generated
 * per run, or kept in the data directory), a master that requires framework authentication with local mode's framework
 * secret, stock agents unless {@code --secret-store}, and with {@code --tls} an https API and node certificates.
 */
public record LocalModeEnvironment(LocalModeSettings settings, Secrets secrets, Optional<LocalTls> tls)
        implements SchedulerEnvironment {

    /** What the cluster's parts authenticate with; generated per run, or kept in the data directory (0600). */
    public record Secrets(
            String apiToken,
            String nodeApiToken,
            String cqlPassword,
            ZooKeeperDigest zookeeperDigest,
            FrameworkSecret frameworkSecret) {
        static Secrets of(Path data) throws IOException {
            return new Secrets(
                    OwnerOnlyFile.randomToken(),
                    OwnerOnlyFile.randomToken(),
                    // kept with the data: the superuser the executors created with it lives on in system_auth
                    OwnerOnlyFile.loadOrCreate(data.resolve("cql-password"), OwnerOnlyFile::randomToken),
                    ZooKeeperDigest.loadOrCreate(data.resolve("zookeeper-digest")),
                    // the local master requires framework authentication, as a production master should
                    FrameworkSecret.loadOrCreate(data.resolve("framework-secret")));
        }

        @Override
        public String toString() {
            return "Secrets[api token, node API token, CQL password, ZooKeeper digest, framework secret]";
        }
    }

    /** Local mode's environment for a run on {@code data}: its secrets made now or read from there. */
    public static LocalModeEnvironment of(LocalModeSettings settings, Path data, Optional<LocalTls> tls)
            throws IOException {
        return new LocalModeEnvironment(settings, Secrets.of(data), tls);
    }

    /**
     * As Marathon runs it: from a sandbox holding {@code cassandra-scheduler/} (here a link to the build's unpacked
     * distribution), so the launcher finds the distribution's class-data archive at the paths it was made with.
     */
    @Override
    public void prepareSandbox(Infrastructure where) throws IOException {
        Path home = where.artifacts().schedulerHome();
        Path link = where.sandbox().resolve("cassandra-scheduler");
        if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(home)) {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, home);
        }
    }

    /** The scheduler distribution the build unpacked, started as its Marathon app's {@code cmd} starts it. */
    @Override
    public List<String> command(Infrastructure where) {
        Path link = where.sandbox().resolve("cassandra-scheduler");
        return List.of(
                link.resolve("bin/cassandra-scheduler").toString(),
                "server",
                where.artifacts().schedulerHome().resolve("conf/scheduler.yml").toString());
    }

    @Override
    public Map<String, String> variables(Infrastructure where) {
        Map<String, String> env = new LinkedHashMap<>(settings.schedulerEnvironment(
                where.master(),
                where.zookeeper(),
                secrets.zookeeperDigest(),
                where.artifacts(),
                secrets.apiToken(),
                secrets.nodeApiToken(),
                where.backups()));
        env.put("CQL_SUPERUSER", LocalModeSettings.CQL_SUPERUSER);
        env.put("CQL_SUPERUSER_PASSWORD", secrets.cqlPassword());
        env.putAll(secrets.frameworkSecret().schedulerEnvironment());
        tls.ifPresent(t -> env.putAll(t.schedulerEnvironment()));
        // on the runtime the agents fetch, as on DC/OS (its archive was made with that runtime's java)
        where.artifacts().javaRuntimeHome().ifPresent(runtime -> env.put("JAVA_HOME", runtime.toString()));
        return env;
    }

    @Override
    public Map<String, String> frameworkCredentials() {
        return secrets.frameworkSecret().masterCredentials();
    }

    /** Stock open-source agents unless {@code --secret-store} asks for the DC/OS Enterprise profile. */
    @Override
    public Optional<Map<String, String>> agentSecretStore() {
        return settings.agentSecretStore(secrets.nodeApiToken(), secrets.cqlPassword());
    }

    @Override
    public boolean apiOverTls() {
        return tls.isPresent();
    }
}
