package org.cassandramesos.executor.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cassandramesos.executor.layout.NodeLayout;
import org.cassandramesos.executor.process.JmxServerAgent;
import org.cassandramesos.protocol.CassandraNodeSpec;

/** The command line that runs Cassandra 5.0 on Java 17 (pure: every input is a parameter). */
public final class JvmOptions {
    public static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    static final int SUPERUSER_SETUP_DELAY_MS = 1000;

    /** Cassandra's jvm17-server.options: the JDK internals it reaches into. */
    static final List<String> JAVA17_MODULE_FLAGS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.math=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED");

    /**
     * @param javaBinary      the {@code java} to run
     * @param jammAgent       {@code lib/jamm-*.jar}: Cassandra measures object sizes with it
     * @param parentWatchAgent our agent that ends Cassandra when the executor dies (see {@code ParentWatchAgent})
     * @param executorPid      the pid that agent watches: the executor's own
     * @param jmx              our agent that serves JMX with a login (see {@code JmxServerAgent}) and its files
     */
    public record Inputs(
            CassandraNodeSpec spec,
            String ip,
            NodeLayout layout,
            Path javaBinary,
            Path jammAgent,
            Optional<Path> parentWatchAgent,
            long executorPid,
            JmxServer jmx) {}

    /** The JMX agent jar and the password and access files it enforces. */
    public record JmxServer(Path agentJar, Path passwordFile, Path accessFile) {}

    private JvmOptions() {}

    public static List<String> command(Inputs in) {
        CassandraNodeSpec spec = in.spec();
        NodeLayout layout = in.layout();
        List<String> cmd = new ArrayList<>();
        cmd.add(in.javaBinary().toString());
        cmd.add("-Xms" + spec.heapMb() + "m");
        cmd.add("-Xmx" + spec.heapMb() + "m");
        cmd.add("-Xss256k");
        cmd.add("-XX:+UseG1GC");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:+PerfDisableSharedMem");
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.addAll(JAVA17_MODULE_FLAGS);
        cmd.add("-Dio.netty.tryReflectionSetAccessible=true");
        cmd.add("-javaagent:" + in.jammAgent());
        in.parentWatchAgent().ifPresent(agent -> cmd.add("-javaagent:" + agent + "=" + in.executorPid()));
        cmd.add("-Dcassandra-foreground=yes");
        cmd.add("-Dcassandra.config=" + layout.cassandraYaml().toUri());
        cmd.add("-Dcassandra-rackdc.properties=" + layout.rackDcProperties().toUri());
        cmd.add("-Dlogback.configurationFile=" + layout.logbackXml().toUri());
        cmd.add("-Dcassandra.logdir=" + layout.logDir());
        cmd.add("-Dcassandra.storagedir=" + layout.volume());
        cmd.add("-Djava.io.tmpdir=" + layout.tmpDir());
        cmd.add("-Djna.tmpdir=" + layout.tmpDir());
        cmd.addAll(jmx(in.ip(), spec.ports().jmx(), in.jmx()));
        if (spec.ports().hasMetrics()) {
            cmd.add(metricsExporter(in.ip(), spec.ports().metrics(), layout));
        }
        spec.replaceAddress().ifPresent(old -> cmd.add("-Dcassandra.replace_address_first_boot=" + old));
        if (spec.fastStart()) {
            // Trades the ring-settling safety margins for a start in seconds: tests and local mode only.
            cmd.add("-Dcassandra.ring_delay_ms=1000");
            cmd.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
        }
        if (spec.cqlAuthentication()) {
            // Cassandra creates the default cassandra/cassandra superuser this long after start when no role exists;
            // the executor replaces it as soon as it can log in with it. Shorter than the 10 s default: the node is not
            // ready (and the task not RUNNING) until that is done.
            cmd.add("-Dcassandra.superuser_setup_delay_ms=" + SUPERUSER_SETUP_DELAY_MS);
        }
        cmd.add("-cp");
        cmd.add(layout.confDir() + ":" + layout.cassandraHome().resolve("conf") + ":" + layout.libDir() + "/*");
        cmd.add(MAIN_CLASS);
        return List.copyOf(cmd);
    }

    /**
     * The Prometheus JMX exporter agent, serving Cassandra's metrics as Prometheus text on {@code <ip>:<port>} only (its
     * argument is {@code [host:]port:rules-file}). It reads the MBeans in-process: no JMX port, no JMX operation.
     */
    static String metricsExporter(String ip, int port, NodeLayout layout) {
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return "-javaagent:" + layout.metricsAgentJar() + "=" + host + ":" + port + ":" + layout.metricsRules();
    }

    /**
     * JMX on one port of the node IP, behind a login, served by our agent: neither the JDK's
     * {@code com.sun.management.jmxremote} agent (it adds an unauthenticated local connector on a random port of every
     * interface) nor Cassandra's own server (it binds every interface) is started. Only file paths go on the command
     * line, never the password.
     */
    static List<String> jmx(String ip, int port, JmxServer server) {
        return List.of(
                "-D" + JmxServerAgent.HOST + "=" + ip,
                "-D" + JmxServerAgent.PORT + "=" + port,
                "-D" + JmxServerAgent.PASSWORD_FILE + "=" + server.passwordFile(),
                "-D" + JmxServerAgent.ACCESS_FILE + "=" + server.accessFile(),
                "-javaagent:" + server.agentJar());
    }
}
