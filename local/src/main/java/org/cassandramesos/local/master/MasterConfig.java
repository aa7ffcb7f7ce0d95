package org.cassandramesos.local.master;

import java.time.Clock;
import java.time.Duration;

/**
 * How the local master runs.
 *
 * @param ip address to bind and advertise
 * @param port 0 picks a free port (kept across restarts of the same master)
 * @param heartbeatInterval HEARTBEAT period on scheduler streams (Mesos: 15 s; short in tests)
 * @param allocationInterval how often free resources are offered again (Mesos: 1 s)
 * @param offerTimeout rescind offers held longer than this; null = never (Mesos default)
 * @param credentials framework authentication (Basic, or DC/OS IAM tokens); {@link FrameworkCredentials#NONE} = off
 * @param agentPingTimeout how long the master waits for an agent's pong (Mesos {@code --agent_ping_timeout}: 15 s)
 * @param maxAgentPingTimeouts pings in a row without a pong before the agent is marked unreachable
 *        (Mesos {@code --max_agent_ping_timeouts}: 5; src/master/constants.hpp:69-72)
 * @param clock when refuse filters expire (a test moves its own clock instead of waiting)
 */
public record MasterConfig(
        String ip,
        int port,
        Duration heartbeatInterval,
        Duration allocationInterval,
        Duration offerTimeout,
        FrameworkAuthenticator credentials,
        Duration agentPingTimeout,
        int maxAgentPingTimeouts,
        Clock clock) {
    public MasterConfig withPort(int newPort) {
        return new MasterConfig(
                ip,
                newPort,
                heartbeatInterval,
                allocationInterval,
                offerTimeout,
                credentials,
                agentPingTimeout,
                maxAgentPingTimeouts,
                clock);
    }
}
