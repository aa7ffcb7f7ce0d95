package org.cassandramesos.local.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Resource;

/**
 * How one local agent runs.
 *
 * @param ip its own loopback address (127.0.0.2, 127.0.0.3, …): the agent's hostname and the tasks' IP
 * @param port 0 picks a free port
 * @param workDir sandboxes, volumes and checkpoints; reusing it keeps reservations, volumes and agent id
 * @param resources what the agent has, unreserved (cpus, mem, disk, ports)
 * @param statusUpdateRetryInterval first resend of an unacknowledged update (Mesos: 10 s), doubling to 10 min
 * @param masterPingTimeout no ping from the master for this long: the agent takes the master for lost and
 *        re-registers until it is pinged again (src/slave/slave.cpp Slave::pingTimeout)
 * @param secrets resolves the executors' SECRET environment variables
 * @param https present: the agent's API is https only and executors are told so ({@link AgentHttps}); empty: plain
 *        http, as a stock agent
 */
public record AgentConfig(
        String ip,
        int port,
        Path workDir,
        List<Resource> resources,
        List<Attribute> attributes,
        Duration heartbeatInterval,
        Duration executorRegistrationTimeout,
        Duration statusUpdateRetryInterval,
        Duration executorShutdownGracePeriod,
        Duration masterPingTimeout,
        SecretResolver secrets,
        java.util.Optional<AgentHttps> https) {

    public AgentConfig withPort(int newPort) {
        return new AgentConfig(
                ip,
                newPort,
                workDir,
                resources,
                attributes,
                heartbeatInterval,
                executorRegistrationTimeout,
                statusUpdateRetryInterval,
                executorShutdownGracePeriod,
                masterPingTimeout,
                secrets,
                https);
    }
}
