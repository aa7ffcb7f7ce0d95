package org.cassandramesos.localmode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link LocalCluster} starts the scheduler with, and the profile of the master and agents it runs it against:
 * the scheduler's environment (as Marathon sets it from an app definition), the framework credentials the master
 * requires, the agents' secret store. Local mode's own is {@link LocalModeEnvironment}; a test can supply another (a
 * rendered Universe package's app), so every cluster runs on the same machinery.
 */
public interface SchedulerEnvironment {
    /**
     * Where the parts the scheduler talks to run, known only once {@link LocalCluster} started them: what Marathon and
     * DC/OS would provide on a real cluster.
     *
     * @param master     the Mesos master's URL (DC/OS: {@code leader.mesos}, resolved by Mesos-DNS)
     * @param zookeeper  the ZooKeeper connect string (DC/OS: {@code master.mesos:2181})
     * @param backups    local mode's S3Proxy bucket and its keys
     * @param sandbox    the scheduler's working directory (Mesos: its sandbox, {@code MESOS_SANDBOX})
     * @param apiPort    the API port (Marathon: the first port it assigns the app, {@code PORT0})
     * @param adminPort  the admin port, whose {@code /healthcheck} the supervisor checks (Marathon: {@code PORT1})
     * @param artifacts  the build outputs the scheduler runs from and the agents fetch
     */
    record Infrastructure(
            URI master,
            String zookeeper,
            LocalModeSettings.BackupStore backups,
            Path sandbox,
            int apiPort,
            int adminPort,
            Artifacts artifacts) {}

    /**
     * Called before each start of the scheduler process, as Mesos prepares each launch of the Marathon app's task (its
     * fetcher brings the app's {@code fetch} URIs into the sandbox); then {@link #command} runs in the sandbox.
     */
    default void prepareSandbox(Infrastructure infrastructure) throws IOException {}

    /** The scheduler's command line, run in {@link Infrastructure#sandbox()}. */
    List<String> command(Infrastructure infrastructure);

    /** The scheduler process's environment variables (added to this process's own, as for any child). */
    Map<String, String> variables(Infrastructure infrastructure);

    /** Principal → secret the master requires of frameworks (HTTP Basic); empty: it requires no authentication. */
    Map<String, String> frameworkCredentials();

    /** The DC/OS Enterprise agents' secret store (path → value); empty: stock open-source agents without one. */
    Optional<Map<String, String>> agentSecretStore();

    /** Whether the scheduler serves its API over https. */
    boolean apiOverTls();
}
