package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Everything the operator configures for one Cassandra service. Immutable; a changed config is a new
 * version with a new id in the {@code ConfigStore}. Holds no secrets: configs are persisted in
 * ZooKeeper and served by {@code GET /v1/config/...}.
 *
 * @param serviceName      DC/OS service name; also the ZooKeeper namespace
 * @param role             Mesos role resources are reserved for
 * @param principal        Mesos principal that owns the reservations and volumes
 * @param user             OS user tasks run as
 * @param zookeeperConnect ZooKeeper connect string for the scheduler's state
 * @param failoverTimeout  how long Mesos keeps tasks running while the scheduler is away
 * @param nodes            node count, seeds and per-node resources
 * @param ports            the ports each node listens on
 * @param placement        constraints, rack attribute, datacenter
 * @param cassandra        cassandra.yaml settings
 * @param executor         how the executor is fetched and started
 * @param auth             how the REST API authenticates callers
 * @param retry            how often a failing step is retried before it goes to ERROR
 * @param agentGoneGrace   how long an unreachable agent's node is waited for before it is replaced
 * @param fastStart        shortened ring delay and gossip settle (tests, local mode)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceConfig(
        @JsonProperty("service_name") String serviceName,
        @JsonProperty("role") String role,
        @JsonProperty("principal") String principal,
        @JsonProperty("user") String user,
        @JsonProperty("zookeeper_connect") String zookeeperConnect,
        @JsonProperty("failover_timeout") Duration failoverTimeout,
        @JsonProperty("nodes") NodesConfig nodes,
        @JsonProperty("ports") PortsConfig ports,
        @JsonProperty("placement") PlacementConfig placement,
        @JsonProperty("cassandra") CassandraConfig cassandra,
        @JsonProperty("executor") ExecutorConfig executor,
        @JsonProperty("auth") AuthMode auth,
        @JsonProperty("retry") RetryPolicy retry,
        @JsonProperty("agent_gone_grace") Duration agentGoneGrace,
        @JsonProperty("fast_start") boolean fastStart) {

    /** Sensible production defaults for a service called {@code name}; tests and local mode start here. */
    public static ServiceConfig defaults(String name) {
        return new ServiceConfig(
                name,
                name + "-role",
                name + "-principal",
                "nobody",
                "master.mesos:2181",
                Duration.ofDays(14),
                NodesConfig.defaults(),
                PortsConfig.defaults(),
                PlacementConfig.defaults(),
                CassandraConfig.defaults(name),
                ExecutorConfig.defaults(),
                AuthMode.TOKEN,
                RetryPolicy.defaults(),
                Duration.ofMinutes(10),
                false);
    }

    public ServiceConfig withNodes(NodesConfig value) {
        return new ServiceConfig(
                serviceName,
                role,
                principal,
                user,
                zookeeperConnect,
                failoverTimeout,
                value,
                ports,
                placement,
                cassandra,
                executor,
                auth,
                retry,
                agentGoneGrace,
                fastStart);
    }

    public ServiceConfig withPorts(PortsConfig value) {
        return new ServiceConfig(
                serviceName,
                role,
                principal,
                user,
                zookeeperConnect,
                failoverTimeout,
                nodes,
                value,
                placement,
                cassandra,
                executor,
                auth,
                retry,
                agentGoneGrace,
                fastStart);
    }

    public ServiceConfig withPlacement(PlacementConfig value) {
        return new ServiceConfig(
                serviceName,
                role,
                principal,
                user,
                zookeeperConnect,
                failoverTimeout,
                nodes,
                ports,
                value,
                cassandra,
                executor,
                auth,
                retry,
                agentGoneGrace,
                fastStart);
    }

    public ServiceConfig withCassandra(CassandraConfig value) {
        return new ServiceConfig(
                serviceName,
                role,
                principal,
                user,
                zookeeperConnect,
                failoverTimeout,
                nodes,
                ports,
                placement,
                value,
                executor,
                auth,
                retry,
                agentGoneGrace,
                fastStart);
    }

    public ServiceConfig withExecutor(ExecutorConfig value) {
        return new ServiceConfig(
                serviceName,
                role,
                principal,
                user,
                zookeeperConnect,
                failoverTimeout,
                nodes,
                ports,
                placement,
                cassandra,
                value,
                auth,
                retry,
                agentGoneGrace,
                fastStart);
    }

    public ServiceConfig withRetry(RetryPolicy value) {
        return new ServiceConfig(
                serviceName,
                role,
                principal,
                user,
                zookeeperConnect,
                failoverTimeout,
                nodes,
                ports,
                placement,
                cassandra,
                executor,
                auth,
                value,
                agentGoneGrace,
                fastStart);
    }

    public ServiceConfig withIdentity(String newServiceName, String newRole, String newPrincipal) {
        return new ServiceConfig(
                newServiceName,
                newRole,
                newPrincipal,
                user,
                zookeeperConnect,
                failoverTimeout,
                nodes,
                ports,
                placement,
                cassandra,
                executor,
                auth,
                retry,
                agentGoneGrace,
                fastStart);
    }

    public ServiceConfig withFastStart(boolean value) {
        return new ServiceConfig(
                serviceName,
                role,
                principal,
                user,
                zookeeperConnect,
                failoverTimeout,
                nodes,
                ports,
                placement,
                cassandra,
                executor,
                auth,
                retry,
                agentGoneGrace,
                value);
    }
}
