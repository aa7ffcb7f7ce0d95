package org.cassandramesos.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a local Mesos cluster until Ctrl-C, for operators and manual runs of a scheduler against it. */
@Command(
        name = "local-mesos",
        mixinStandardHelpOptions = true,
        description = "A Mesos master and agents on this machine, speaking the real v1 HTTP API.")
public final class LocalMesosMain implements Callable<Integer> {
    @Option(names = "--work-dir", description = "State: sandboxes, volumes, reservations (default: ${DEFAULT-VALUE})")
    Path workDir = Path.of("local-mesos");

    @Option(
            names = "--agents",
            description = "Number of agents, on 127.0.0.2, 127.0.0.3, … (default: ${DEFAULT-VALUE})")
    int agents = 3;

    @Option(names = "--master-port", description = "Master port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int masterPort = 5050;

    @Option(names = "--cpus", description = "cpus per agent (default: ${DEFAULT-VALUE})")
    double cpus = 4;

    @Option(names = "--mem", description = "mem per agent in MB (default: ${DEFAULT-VALUE})")
    double memMb = 8192;

    @Option(names = "--disk", description = "disk per agent in MB (default: ${DEFAULT-VALUE})")
    double diskMb = 20480;

    @Option(names = "--ports", description = "port range per agent (default: ${DEFAULT-VALUE})")
    String ports = "31000-32000";

    @Option(
            names = "--attribute",
            description = "agent attribute name=value; %d is replaced by the agent index (default: rack=rack-%d)")
    List<String> attributes = List.of("rack=rack-%d");

    @Option(
            names = "--agent-tls",
            description = "Agents serve their API over https (throwaway CA) and give executors"
                    + " LIBPROCESS_SSL_ENABLED=true and LIBPROCESS_SSL_CA_FILE, as an SSL-enabled Mesos agent's"
                    + " --executor_environment_variables do (default: plain http, as a stock agent)")
    boolean agentTls;

    @Option(
            names = "--heartbeat-seconds",
            description = "scheduler stream heartbeat interval (default: ${DEFAULT-VALUE})")
    long heartbeatSeconds = 15;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalMesosMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String[] range = ports.split("-", 2);
        LocalMesosConfig.Builder config = LocalMesosConfig.builder(workDir.toAbsolutePath())
                .masterPort(masterPort)
                .heartbeatInterval(Duration.ofSeconds(heartbeatSeconds));
        if (agentTls) {
            config.agentTls();
        }
        for (int i = 0; i < agents; i++) {
            Map<String, String> attrs = new LinkedHashMap<>();
            for (String a : attributes) {
                String[] kv = a.replace("%d", Integer.toString(i)).split("=", 2);
                attrs.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
            config.agent(new AgentSpec(cpus, memMb, diskMb, Long.parseLong(range[0]), Long.parseLong(range[1]), attrs));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LocalMesos mesos = LocalMesos.start(config.build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mesos.close();
            stopped.countDown();
        }));
        System.out.println("Mesos master: " + mesos.masterUri() + " (scheduler API " + mesos.schedulerEndpoint() + ")");
        for (int i = 0; i < mesos.agentCount(); i++) {
            System.out.println("Agent " + i + ": " + mesos.agentIp(i) + " id "
                    + mesos.agentId(i).getValue());
        }
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
