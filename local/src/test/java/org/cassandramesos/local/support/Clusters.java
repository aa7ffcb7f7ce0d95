package org.cassandramesos.local.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.cassandramesos.local.AgentSpec;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;

/** Local clusters with test timings: fast allocation, short heartbeats and update retries. */
public final class Clusters {
    private Clusters() {}

    public static LocalMesosConfig.Builder config(Path workDir, int agents) {
        return LocalMesosConfig.builder(workDir)
                .agents(agents, AgentSpec.of(4, 8192, 20480).withPorts(31000, 31099))
                .heartbeatInterval(Duration.ofSeconds(1))
                .allocationInterval(Duration.ofMillis(200))
                .statusUpdateRetryInterval(Duration.ofSeconds(1))
                .executorShutdownGracePeriod(Duration.ofSeconds(2))
                .executorRegistrationTimeout(Duration.ofSeconds(30));
    }

    public static LocalMesos start(Path workDir, int agents) throws IOException {
        return LocalMesos.start(config(workDir, agents).build());
    }
}
