package org.cassandramesos.local;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cassandramesos.local.iam.IamProfile;

/**
 * A local cluster: where it keeps its state, its agents, and the timings that tests shorten.
 * Build with {@link #builder(Path)}.
 */
public record LocalMesosConfig(
        Path workDir,
        String masterIp,
        int masterPort,
        List<AgentSpec> agents,
        Duration heartbeatInterval,
        Duration allocationInterval,
        Duration offerTimeout,
        Duration executorRegistrationTimeout,
        Duration statusUpdateRetryInterval,
        Duration executorShutdownGracePeriod,
        Duration agentPingTimeout,
        int maxAgentPingTimeouts,
        Map<String, String> frameworkCredentials,
        Optional<Map<String, String>> secretStore,
        Optional<IamProfile> dcosIam,
        boolean agentTls,
        Clock clock) {

    public LocalMesosConfig {
        frameworkCredentials = Map.copyOf(frameworkCredentials);
        secretStore = secretStore.map(Map::copyOf);
        if (dcosIam.isPresent() && !frameworkCredentials.isEmpty()) {
            throw new IllegalArgumentException(
                    "framework authentication is either Basic credentials or the DC/OS IAM, not both");
        }
    }

    @Override
    public String toString() {
        return "LocalMesosConfig[workDir=" + workDir + ", agents=" + agents.size() + ", authenticated principals="
                + frameworkCredentials.keySet()
                + dcosIam.map(p -> ", DC/OS " + p).orElse("") + ", secret store="
                + secretStore.map(m -> m.keySet().toString()).orElse("none (stock)")
                + ", agent API " + (agentTls ? "https" : "http") + "]"; // secrets stay out of logs
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** Agent {@code i} listens on its own loopback address: 127.0.0.2, 127.0.0.3, … */
    public static String agentIp(int i) {
        return "127.0.0." + (2 + i);
    }

    public static final class Builder {
        private final Path workDir;
        private String masterIp = "127.0.0.1";
        private int masterPort = 0;
        private final List<AgentSpec> agents = new ArrayList<>();
        private Duration heartbeatInterval = Duration.ofSeconds(15);
        private Duration allocationInterval = Duration.ofSeconds(1);
        private Duration offerTimeout;
        private Duration executorRegistrationTimeout = Duration.ofMinutes(1);
        private Duration statusUpdateRetryInterval = Duration.ofSeconds(10);
        private Duration executorShutdownGracePeriod = Duration.ofSeconds(5);
        // src/master/constants.hpp:69-72: DEFAULT_AGENT_PING_TIMEOUT 15 s, DEFAULT_MAX_AGENT_PING_TIMEOUTS 5
        private Duration agentPingTimeout = Duration.ofSeconds(15);
        private int maxAgentPingTimeouts = 5;
        private Map<String, String> frameworkCredentials = Map.of();
        private Optional<Map<String, String>> secretStore = Optional.empty();
        private Optional<IamProfile> dcosIam = Optional.empty();
        private boolean agentTls;
        private Clock clock = Clock.systemUTC();

        private Builder(Path workDir) {
            this.workDir = Objects.requireNonNull(workDir);
        }

        public Builder masterPort(int port) {
            this.masterPort = port;
            return this;
        }

        public Builder masterIp(String ip) {
            this.masterIp = ip;
            return this;
        }

        public Builder agent(AgentSpec spec) {
            agents.add(spec);
            return this;
        }

        /** {@code n} agents alike, each with attribute {@code rack=rack-<i>} unless the spec sets its own. */
        public Builder agents(int n, AgentSpec spec) {
            for (int i = 0; i < n; i++) {
                agents.add(spec.attributes().isEmpty() ? spec.withAttributes(Map.of("rack", "rack-" + i)) : spec);
            }
            return this;
        }

        public Builder heartbeatInterval(Duration d) {
            this.heartbeatInterval = d;
            return this;
        }

        public Builder allocationInterval(Duration d) {
            this.allocationInterval = d;
            return this;
        }

        public Builder offerTimeout(Duration d) {
            this.offerTimeout = d;
            return this;
        }

        public Builder executorRegistrationTimeout(Duration d) {
            this.executorRegistrationTimeout = d;
            return this;
        }

        public Builder statusUpdateRetryInterval(Duration d) {
            this.statusUpdateRetryInterval = d;
            return this;
        }

        public Builder executorShutdownGracePeriod(Duration d) {
            this.executorShutdownGracePeriod = d;
            return this;
        }

        /**
         * The master's agent health check ({@code --agent_ping_timeout} × {@code --max_agent_ping_timeouts}): an agent
         * that answers no ping for that long is marked unreachable; an agent that hears no ping for that long
         * re-registers.
         */
        public Builder agentPingTimeouts(Duration timeout, int maxTimeouts) {
            if (timeout.isNegative() || timeout.isZero() || maxTimeouts < 1) {
                throw new IllegalArgumentException("agent ping timeout must be positive and max timeouts at least 1");
            }
            this.agentPingTimeout = timeout;
            this.maxAgentPingTimeouts = maxTimeouts;
            return this;
        }

        /** Requires HTTP Basic authentication of frameworks with these principal → secret pairs. */
        public Builder frameworkCredentials(Map<String, String> credentials) {
            this.frameworkCredentials = Map.copyOf(credentials);
            return this;
        }

        /**
         * The DC/OS Enterprise profile: the agents hold a secret store (name → value) that resolves executors' SECRET
         * (REFERENCE) environment variables. Without it the agents are stock open-source Mesos agents, which fail
         * every launch with a SECRET reference ({@code src/secret/resolver.cpp}).
         */
        public Builder secretStore(Map<String, String> values) {
            this.secretStore = Optional.of(Map.copyOf(values));
            return this;
        }

        /**
         * The DC/OS strict-mode profile: an IAM over https issues authentication tokens to these service accounts
         * ({@link LocalMesos#iam()}), and the master accepts only {@code Authorization: token=<one of them>} whose
         * uid is the framework's principal. Instead of {@link #frameworkCredentials}.
         */
        public Builder dcosIam(IamProfile profile) {
            this.dcosIam = Optional.of(profile);
            return this;
        }

        /**
         * Agents serve their API (the executor API included) over https only, with certificates from a throwaway
         * cluster CA, and give executors {@code LIBPROCESS_SSL_ENABLED=true} and {@code LIBPROCESS_SSL_CA_FILE} as an
         * SSL-enabled Mesos agent's {@code --executor_environment_variables} do ({@code agent.AgentHttps}). Default:
         * plain http, as a stock agent.
         */
        public Builder agentTls() {
            this.agentTls = true;
            return this;
        }

        /** The master's clock for refuse filters (default: the system clock); tests pass one they move. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public LocalMesosConfig build() {
            if (agents.isEmpty()) throw new IllegalStateException("a local cluster needs at least one agent");
            return new LocalMesosConfig(
                    workDir,
                    masterIp,
                    masterPort,
                    List.copyOf(agents),
                    heartbeatInterval,
                    allocationInterval,
                    offerTimeout,
                    executorRegistrationTimeout,
                    statusUpdateRetryInterval,
                    executorShutdownGracePeriod,
                    agentPingTimeout,
                    maxAgentPingTimeouts,
                    frameworkCredentials,
                    secretStore,
                    dcosIam,
                    agentTls,
                    clock);
        }
    }
}
