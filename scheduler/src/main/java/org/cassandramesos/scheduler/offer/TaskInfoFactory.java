package org.cassandramesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DiscoveryInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Port;
import org.apache.mesos.v1.Protos.Ports;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Secret;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cassandramesos.protocol.CassandraNodeSpec;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.scheduler.config.SecretsDelivery;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.NodeRequirement.PortRequirement;

/**
 * Builds the TaskInfo that runs one Cassandra node under our custom executor. Everything in it is
 * visible in Mesos master state, so it never carries secrets.
 */
public final class TaskInfoFactory {
    public static final String CONFIG_ID_LABEL = "config_id";
    public static final String NODE_LABEL = "node";
    public static final String NODE_API_TOKEN_ENV = "NODE_API_TOKEN";
    public static final String SECRETS_DELIVERY_ENV = "SECRETS_DELIVERY";
    public static final String CLUSTER_SECRETS_ENV = "CLUSTER_SECRETS";
    public static final String CQL_PASSWORD_ENV = "CQL_PASSWORD";
    /** text or json: the executor's log layout (its logback.xml includes logback-&lt;LOG_FORMAT&gt;.xml). */
    public static final String LOG_FORMAT_ENV = "LOG_FORMAT";
    /** The label DC/OS's metrics pipeline looks for on a task's discovery ports: this one serves Prometheus text. */
    public static final String DCOS_METRICS_FORMAT_LABEL = "DCOS_METRICS_FORMAT";
    /** The path it scrapes on such a port ({@code /metrics} when absent; set anyway, to say it). */
    public static final String DCOS_METRICS_ENDPOINT_LABEL = "DCOS_METRICS_ENDPOINT";

    private final ServiceConfig config;
    private final java.time.Duration executorShutdownGrace;

    public TaskInfoFactory(ServiceConfig config) {
        this(config, DEFAULT_EXECUTOR_SHUTDOWN_GRACE);
    }

    /** @param executorShutdownGrace every executor's {@code shutdown_grace_period} */
    public TaskInfoFactory(ServiceConfig config, java.time.Duration executorShutdownGrace) {
        this.config = config;
        this.executorShutdownGrace = executorShutdownGrace;
    }

    TaskInfo build(
            NodeRequirement need, LaunchContext context, AgentFacts agent, String rack, MatchedResources resources) {
        String node = need.nodeName();
        Map<String, Integer> ports = resources.ports();
        CassandraNodeSpec spec = new CassandraNodeSpec(
                node,
                config.cassandra().clusterName(),
                context.configId().toString(),
                seeds(context, agent),
                config.placement().datacenter(),
                rack,
                new CassandraNodeSpec.Ports(
                        ports.getOrDefault(PortRequirement.NATIVE, 0),
                        ports.getOrDefault(PortRequirement.STORAGE, 0),
                        ports.getOrDefault(PortRequirement.JMX, 0),
                        ports.getOrDefault(PortRequirement.NODE_API, 0),
                        ports.getOrDefault(PortRequirement.METRICS, CassandraNodeSpec.Ports.NO_METRICS)),
                config.nodes().heapMb(),
                config.cassandra().numTokens(),
                context.replaceAddress(),
                config.fastStart(),
                need.volumePath(),
                config.cassandra().yaml(),
                config.cassandra().cqlAuthentication(),
                config.cassandra().cqlSuperuser());

        return TaskInfo.newBuilder()
                .setName(node)
                .setTaskId(TaskIds.newTaskId(node))
                .setAgentId(AgentID.newBuilder().setValue(agent.agentId()))
                .addAllResources(resources.taskResources())
                .setExecutor(executor(node, context, resources.executorResources(), ports))
                .setData(TaskData.encode(spec))
                .setDiscovery(discovery(node, ports))
                .setLabels(labels(node, context))
                .build();
    }

    private static Labels labels(String node, LaunchContext context) {
        Labels.Builder labels = Labels.newBuilder()
                .addLabels(label(CONFIG_ID_LABEL, context.configId().toString()))
                .addLabels(label(NODE_LABEL, node));
        if (context.startStopped()) {
            labels.addLabels(label(org.cassandramesos.protocol.NodeReadiness.START_STOPPED_LABEL, "true"));
        }
        return labels.build();
    }

    /**
     * The node's named ports as DC/OS reads them from the task: Mesos-DNS makes SRV records of them, and the metrics
     * port carries {@code DCOS_METRICS_FORMAT=prometheus} and {@code DCOS_METRICS_ENDPOINT=/metrics}, the labels DC/OS's
     * metrics agent (dcos-telegraf's prometheus input, as for dcos-commons services and Marathon port definitions)
     * scrapes a task's Prometheus endpoint by. Sorted by name, so a relaunch builds the same list.
     */
    static DiscoveryInfo discovery(String node, Map<String, Integer> ports) {
        Ports.Builder list = Ports.newBuilder();
        ports.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(port -> {
            Port.Builder entry = Port.newBuilder()
                    .setName(port.getKey())
                    .setNumber(port.getValue())
                    .setProtocol("tcp");
            if (PortRequirement.METRICS.equals(port.getKey())) {
                entry.setLabels(Labels.newBuilder()
                        .addLabels(label(DCOS_METRICS_FORMAT_LABEL, "prometheus"))
                        .addLabels(label(DCOS_METRICS_ENDPOINT_LABEL, "/metrics")));
            }
            list.addPorts(entry);
        });
        return DiscoveryInfo.newBuilder()
                .setVisibility(DiscoveryInfo.Visibility.CLUSTER)
                .setName(node)
                .setPorts(list)
                .build();
    }

    /**
     * How long an executor told to shut down gets before the agent destroys it: Cassandra's drain, then exit. The
     * scheduler uses its kill grace ({@code KILL_GRACE_S}, 60 s by default): a SHUTDOWN drains as a KILL does.
     */
    public static final java.time.Duration DEFAULT_EXECUTOR_SHUTDOWN_GRACE = java.time.Duration.ofSeconds(60);

    private ExecutorInfo executor(
            String node, LaunchContext context, List<Resource> resources, Map<String, Integer> ports) {
        var executor = config.executor();
        Environment.Builder environment = Environment.newBuilder()
                .addVariables(env("NODE_NAME", node))
                .addVariables(env("SERVICE_NAME", config.serviceName()))
                .addVariables(env("NODE_API_PORT", String.valueOf(ports.getOrDefault(PortRequirement.NODE_API, 0))))
                .addVariables(
                        env(SECRETS_DELIVERY_ENV, executor.secretsDelivery().value()))
                // generated: the nodes keep the shared secrets, a restarted scheduler recalls them (docs/secrets.md)
                .addVariables(env(CLUSTER_SECRETS_ENV, executor.clusterSecrets().value()))
                .addVariables(env(LOG_FORMAT_ENV, executor.logFormat().value()));
        if (executor.secretsDelivery() == SecretsDelivery.SECRET_STORE) {
            // DC/OS Enterprise: the agent resolves the references; with message delivery nothing secret is here at all
            environment.addVariables(secret(NODE_API_TOKEN_ENV, nodeApiTokenSecretName(config.serviceName())));
            if (config.cassandra().cqlAuthentication()) {
                environment.addVariables(secret(CQL_PASSWORD_ENV, cqlPasswordSecretName(config.serviceName())));
            }
        }
        CommandInfo.Builder command =
                CommandInfo.newBuilder().setValue(executor.command()).setEnvironment(environment);
        if (executor.javaRuntimeUri() != null && !executor.javaRuntimeUri().isBlank()) {
            // the executor's launcher runs java-runtime/bin/java: a stock agent has no Java 17 and passes no JAVA_HOME.
            // (Blank only in a configuration stored before the setting existed; the validator requires it now.)
            command.addUris(CommandInfo.URI
                    .newBuilder()
                    .setValue(executor.javaRuntimeUri())
                    .setExtract(true));
        }
        command.addUris(CommandInfo.URI
                        .newBuilder()
                        .setValue(executor.executorUri())
                        .setExtract(true))
                .addUris(CommandInfo.URI
                        .newBuilder()
                        .setValue(executor.cassandraUri())
                        .setExtract(true));
        return ExecutorInfo.newBuilder()
                .setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue(TaskIds.executorId(node)))
                .setFrameworkId(context.frameworkId())
                .setName(node + " executor")
                .setCommand(command)
                .addAllResources(resources)
                // a SHUTDOWN (framework teardown, agent draining) lets Cassandra drain as a KILL does; the agent's
                // default (5 s) would cut the drain short. The agent passes it on as
                // MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD
                .setShutdownGracePeriod(DurationInfo.newBuilder().setNanoseconds(executorShutdownGrace.toNanos()))
                .build();
    }

    /**
     * A secret (the node API token, the CQL password) as a SECRET variable ({@code secrets_delivery: secret-store}):
     * master state shows only the reference; the agent's secret resolver (DC/OS Enterprise, or the local Mesos's
     * Enterprise profile) puts the value in the executor's environment. A stock Mesos agent fails such a launch. With
     * {@code message} delivery the executor asks for its secrets in a framework message instead (docs/secrets.md).
     */
    private static Environment.Variable secret(String name, String reference) {
        return Environment.Variable.newBuilder()
                .setName(name)
                .setType(Environment.Variable.Type.SECRET)
                .setSecret(Secret.newBuilder()
                        .setType(Secret.Type.REFERENCE)
                        .setReference(Secret.Reference.newBuilder().setName(reference)))
                .build();
    }

    /** The secret store path of a service's CQL superuser password. */
    public static String cqlPasswordSecretName(String serviceName) {
        return serviceName + "/cql-password";
    }

    /** The secret store path of a service's node API token. */
    public static String nodeApiTokenSecretName(String serviceName) {
        return serviceName + "/node-api-token";
    }

    /**
     * The seeds placed so far; the very first seed lists only itself. A later seed does not list itself on its first
     * start, so it bootstraps like any new node and streams what the ring already holds (system_auth with the CQL
     * superuser: a seed that joined without streaming would own role rows it does not have).
     */
    private static List<String> seeds(LaunchContext context, AgentFacts agent) {
        List<String> seeds = new ArrayList<>(context.seeds());
        if (context.seed() && seeds.isEmpty()) {
            seeds.add(agent.ip());
        }
        return seeds;
    }

    private static Environment.Variable env(String name, String value) {
        return Environment.Variable.newBuilder().setName(name).setValue(value).build();
    }

    private static Label label(String key, String value) {
        return Label.newBuilder().setKey(key).setValue(value).build();
    }
}
