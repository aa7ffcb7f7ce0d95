package org.cassandramesos.scheduler.mesos;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cassandramesos.scheduler.SchedulerApplication;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.state.ZooKeeperFixture;

/**
 * The whole scheduler app (its real {@code scheduler.yml}, Guice wiring, API and Mesos side) as a component test starts
 * it: on a local Mesos whose agents run {@link TestCassandraExecutor}, tiny nodes on dynamic ports, short timings.
 * One place for the settings every such test shares; a test changes what it is about with {@link #set}, e.g. the node
 * count a restart is given or a longer gone-agent grace.
 */
public final class SchedulerAppOnLocalMesos {
    private final Map<String, String> settings = new LinkedHashMap<>();

    private SchedulerAppOnLocalMesos() {}

    /**
     * @param service the service name (also its role and principal, with suffixes)
     * @param apiToken the API token requests carry as {@code Authorization: token=…}
     */
    public static SchedulerAppOnLocalMesos of(String service, String apiToken, String zookeeperConnect, URI master) {
        SchedulerAppOnLocalMesos app = new SchedulerAppOnLocalMesos();
        app.set("service.service_name", service)
                .set("service.role", service + "-role")
                .set("service.principal", service + "-principal")
                .set("service.user", System.getProperty("user.name"))
                .set("service.zookeeper_connect", zookeeperConnect)
                .set("zookeeper_digest", ZooKeeperFixture.DIGEST)
                .set("service.nodes.count", "3")
                .set("service.nodes.seeds", "1")
                .set("service.nodes.cpus", "0.1")
                .set("service.nodes.mem_mb", "64")
                .set("service.nodes.disk_mb", "16")
                .set("service.nodes.heap_mb", "32")
                .set("service.executor.cpus", "0.05")
                .set("service.executor.mem_mb", "32")
                .set("service.executor.executor_uri", MesosTestSupport.artifact("executor.txt"))
                .set("service.executor.cassandra_uri", MesosTestSupport.artifact("cassandra.txt"))
                .set("service.executor.java_runtime_uri", MesosTestSupport.artifact("java-runtime.txt"))
                .set("service.executor.command", TestCassandraExecutor.command())
                .set("service.fast_start", "true")
                .set("mesos_master_url", master.toString())
                .set("mesos.refuse_short", "PT1S")
                .set("mesos.refuse_long", "PT2S")
                .set("mesos.kill_grace", "PT3S")
                .set("operations.poll_interval", "PT0.1S")
                .set("operations.node_api_timeout", "PT2S")
                .set("auth_token", apiToken)
                .set("node_api_token", MesosTestSupport.NODE_API_TOKEN)
                .set("server.applicationConnectors[0].port", "0")
                .set("server.adminConnectors[0].port", "0");
        // every named port dynamic: the test agents offer 31000-31099, not Cassandra's fixed defaults
        for (String port : List.of("native", "storage", "jmx", "node_api", "metrics")) {
            app.set("service.ports." + port, "0");
        }
        return app;
    }

    /** Sets (or replaces) one setting, by its path in {@code scheduler.yml}. */
    public SchedulerAppOnLocalMesos set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public SchedulerAppOnLocalMesos nodes(int count) {
        return set("service.nodes.count", Integer.toString(count));
    }

    /** Starts the app; the caller stops it with {@link DropwizardTestSupport#after()}. */
    public DropwizardTestSupport<SchedulerConfiguration> start() throws Exception {
        ConfigOverride[] overrides = settings.entrySet().stream()
                .map(setting -> ConfigOverride.config(setting.getKey(), setting.getValue()))
                .toArray(ConfigOverride[]::new);
        DropwizardTestSupport<SchedulerConfiguration> app =
                new DropwizardTestSupport<>(SchedulerApplication.class, "scheduler.yml", overrides);
        app.before();
        return app;
    }
}
