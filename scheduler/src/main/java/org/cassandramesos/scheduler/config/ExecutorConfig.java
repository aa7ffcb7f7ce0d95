package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the per-node executor is fetched and started.
 *
 * @param executorUri  tarball with the executor (extracted into the sandbox)
 * @param cassandraUri tarball with the Cassandra distribution
 * @param javaRuntimeUri tarball with the Java 17 runtime (module java-runtime, top directory {@code java-runtime/}) the
 *                     executor and Cassandra run on: a stock agent has no Java 17 and gives tasks no JAVA_HOME
 * @param cpus         cpus for the executor itself, on top of the node's
 * @param memMb        memory for the executor itself in MB, on top of the node's
 * @param command      shell command the agent runs in the sandbox
 * @param secretsDelivery how the executor gets its secrets (default {@code message}; docs/secrets.md)
 * @param clusterSecrets where the secrets every node shares come from ({@code CLUSTER_SECRETS}, default
 *                     {@code environment}); with {@code generated} the executors keep them on their volumes
 * @param logFormat    the executor's log layout ({@code LOG_FORMAT}: text or json), passed in the task's environment
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecutorConfig(
        @JsonProperty("executor_uri") String executorUri,
        @JsonProperty("cassandra_uri") String cassandraUri,
        @JsonProperty("java_runtime_uri") String javaRuntimeUri,
        @JsonProperty("cpus") double cpus,
        @JsonProperty("mem_mb") int memMb,
        @JsonProperty("command") String command,
        @JsonProperty("secrets_delivery") SecretsDelivery secretsDelivery,
        @JsonProperty("cluster_secrets") ClusterSecretsSource clusterSecrets,
        @JsonProperty("log_format") LogFormat logFormat) {

    @JsonCreator
    public ExecutorConfig {
        // configs stored before the settings existed read as the defaults
        secretsDelivery = secretsDelivery == null ? SecretsDelivery.MESSAGE : secretsDelivery;
        clusterSecrets = clusterSecrets == null ? ClusterSecretsSource.ENVIRONMENT : clusterSecrets;
        logFormat = logFormat == null ? LogFormat.TEXT : logFormat;
    }

    public ExecutorConfig(
            String executorUri,
            String cassandraUri,
            String javaRuntimeUri,
            double cpus,
            int memMb,
            String command,
            SecretsDelivery secretsDelivery,
            ClusterSecretsSource clusterSecrets) {
        this(
                executorUri,
                cassandraUri,
                javaRuntimeUri,
                cpus,
                memMb,
                command,
                secretsDelivery,
                clusterSecrets,
                LogFormat.TEXT);
    }

    public ExecutorConfig(
            String executorUri, String cassandraUri, String javaRuntimeUri, double cpus, int memMb, String command) {
        this(executorUri, cassandraUri, javaRuntimeUri, cpus, memMb, command, SecretsDelivery.MESSAGE);
    }

    public ExecutorConfig(
            String executorUri,
            String cassandraUri,
            String javaRuntimeUri,
            double cpus,
            int memMb,
            String command,
            SecretsDelivery secretsDelivery) {
        this(
                executorUri,
                cassandraUri,
                javaRuntimeUri,
                cpus,
                memMb,
                command,
                secretsDelivery,
                ClusterSecretsSource.ENVIRONMENT);
    }

    public static ExecutorConfig defaults() {
        return new ExecutorConfig(
                "http://localhost/executor.tar.gz",
                "http://localhost/cassandra.tar.gz",
                "http://localhost/java-runtime.tar.gz",
                0.1,
                256,
                "exec ./executor/bin/executor",
                SecretsDelivery.MESSAGE);
    }

    public ExecutorConfig withSecretsDelivery(SecretsDelivery value) {
        return new ExecutorConfig(
                executorUri, cassandraUri, javaRuntimeUri, cpus, memMb, command, value, clusterSecrets, logFormat);
    }

    public ExecutorConfig withClusterSecrets(ClusterSecretsSource value) {
        return new ExecutorConfig(
                executorUri, cassandraUri, javaRuntimeUri, cpus, memMb, command, secretsDelivery, value, logFormat);
    }

    public ExecutorConfig withLogFormat(LogFormat value) {
        return new ExecutorConfig(
                executorUri,
                cassandraUri,
                javaRuntimeUri,
                cpus,
                memMb,
                command,
                secretsDelivery,
                clusterSecrets,
                value);
    }
}
