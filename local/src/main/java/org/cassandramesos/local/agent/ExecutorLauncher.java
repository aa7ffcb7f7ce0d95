package org.cassandramesos.local.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/** Starts an executor the way the Mesos agent does: fetch URIs into the sandbox, set the §3 environment, run the command. */
final class ExecutorLauncher {
    /** {@code os::host_default_path()} (stout/include/stout/os/posix/shell.hpp), what a real agent puts on PATH. */
    static final String HOST_DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ExecutorLauncher() {}

    /**
     * What the agent tells its executors about itself.
     *
     * @param executorEnvironmentVariables the agent's {@code --executor_environment_variables} (none by default)
     */
    record AgentEnv(
            String agentId,
            String ip,
            int port,
            String shutdownGracePeriod,
            SecretResolver secrets,
            Map<String, String> executorEnvironmentVariables) {}

    private static final String AGENT_USER = System.getProperty("user.name");
    private static final boolean AGENT_IS_ROOT = TaskUser.currentUserIsRoot();

    /** The user the executor runs as when it is not the agent's own (Mesos {@code --switch_user}, the default). */
    static Optional<TaskUser> taskUser(FrameworkInfo framework, ExecutorInfo info) throws IOException {
        UserSwitch decision =
                UserSwitch.decide(AGENT_USER, AGENT_IS_ROOT, info.getCommand().getUser(), framework.getUser());
        if (decision instanceof UserSwitch.Refused refused) throw new IOException(refused.message());
        if (decision instanceof UserSwitch.SwitchTo to) {
            // slave.cpp: "Failed to get user information for '<user>'" when getpwnam finds nobody
            return Optional.of(TaskUser.lookup(to.user())
                    .orElseThrow(() -> new IOException("Failed to get user information for '" + to.user() + "'")));
        }
        return Optional.empty();
    }

    /**
     * Fails the launch up front when the executor's user could not enter its sandbox or read a {@code file://} URI: on a
     * real agent the fetcher and the executor run as that user and fail there.
     */
    static void checkReachable(ExecutorRun run) throws IOException {
        if (run.user.isEmpty()) return;
        TaskUser user = run.user.get();
        Optional<String> problem = user.cannotReach(run.sandbox, false);
        for (CommandInfo.URI uri : run.info.getCommand().getUrisList()) {
            String value = uri.getValue();
            if (problem.isEmpty() && !value.startsWith("http://") && !value.startsWith("https://")) {
                problem = user.cannotReach(
                        value.startsWith("file://") ? Path.of(java.net.URI.create(value)) : Path.of(value), true);
            }
        }
        if (problem.isPresent()) throw new IOException(problem.get());
    }

    /** Fetches the URIs and starts the executor; slow (downloads), so it runs off the agent's thread. */
    static Process launch(ExecutorRun run, AgentEnv agent) throws IOException {
        // isolators prepare (the environment_secret isolator resolves SECRET variables) before the fetcher runs
        // (src/slave/containerizer/mesos/containerizer.cpp: prepare, then fetch, then _launch)
        Map<String, String> environment = environment(run, agent);
        Files.createDirectories(run.sandbox);
        CommandInfo command = run.info.getCommand();
        for (CommandInfo.URI uri : command.getUrisList()) Fetcher.fetch(uri, run.sandbox);
        if (run.user.isPresent()) run.user.get().ownRecursively(run.sandbox); // the agent chowns the sandbox

        List<String> argv = new ArrayList<>();
        // own session and process group: the agent can find and kill every descendant, orphaned or not
        ProcessGroups.setsid().ifPresent(argv::add);
        run.user.ifPresent(user -> argv.addAll(List.of(user.switchCommand())));
        if (!command.hasShell() || command.getShell()) {
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(command.getValue());
        } else {
            // arguments are the full argv, argv[0] included; Java cannot set argv[0] apart from the program
            argv.add(command.getValue());
            if (command.getArgumentsCount() > 1)
                argv.addAll(command.getArgumentsList().subList(1, command.getArgumentsCount()));
        }
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(run.sandbox.toFile())
                .redirectOutput(run.sandbox.resolve("stdout").toFile())
                .redirectError(run.sandbox.resolve("stderr").toFile());
        // A real agent passes nothing of its own environment on (below): no JAVA_HOME, no host PATH, no AWS_* keys.
        pb.environment().clear();
        pb.environment().putAll(environment);
        return pb.start();
    }

    /**
     * Exactly the environment a stock Mesos 1.11 agent gives an executor, and nothing of the agent's own:
     * <ul>
     * <li>the agent's variables ({@code executorEnvironment}, src/slave/slave.cpp:11399-11500 at 1.11.0) and the
     *     containerizer's {@code MESOS_SANDBOX}; {@code --executor_environment_variables} is "none by default"
     *     (docs/configuration/agent.md), so nothing else of the host's; when set (a TLS agent's
     *     {@code LIBPROCESS_SSL_*}, {@link AgentHttps}) they come first and the agent's own variables overwrite them
     *     (slave.cpp:11421-11429);</li>
     * <li>then the CommandInfo's own variables, overwriting (src/slave/containerizer/mesos/launch.cpp:1203-1222);</li>
     * <li>{@code PATH=os::host_default_path()} unless the task set one (launch.cpp:1224-1226).</li>
     * </ul>
     * The launcher execs with exactly this ({@code os::raw::Envp(environment)}, launch.cpp:1228), never with a
     * {@code JAVA_HOME}. One addition: a switched-to user's {@code HOME}. The 1.11.0 sources set {@code HOME} only in
     * the Docker containerizer (src/docker/docker.cpp:1921), so a real Mesos containerizer may give none; nothing of
     * ours may rely on it.
     */
    static Map<String, String> environment(ExecutorRun run, AgentEnv agent) {
        ExecutorInfo info = run.info;
        Map<String, String> env = new java.util.LinkedHashMap<>(agent.executorEnvironmentVariables());
        env.put("MESOS_FRAMEWORK_ID", run.framework.getId().getValue());
        env.put("MESOS_EXECUTOR_ID", info.getExecutorId().getValue());
        env.put("MESOS_AGENT_ENDPOINT", agent.ip() + ":" + agent.port());
        env.put("MESOS_SLAVE_ID", agent.agentId());
        env.put("MESOS_SLAVE_PID", "slave(1)@" + agent.ip() + ":" + agent.port());
        env.put("MESOS_DIRECTORY", run.sandbox.toString());
        env.put("MESOS_SANDBOX", run.sandbox.toString());
        env.put("MESOS_CHECKPOINT", "1");
        env.put("MESOS_HTTP_COMMAND_EXECUTOR", "0");
        env.put(
                "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD",
                info.hasShutdownGracePeriod()
                        ? (info.getShutdownGracePeriod().getNanoseconds() / 1_000_000) + "ms"
                        : agent.shutdownGracePeriod());
        env.put("MESOS_RECOVERY_TIMEOUT", "15mins");
        env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs");
        env.put("LIBPROCESS_IP", agent.ip());
        env.put("LIBPROCESS_PORT", "0");
        // the switched-to user's home directory (see above: the 1.11.0 launcher itself sets no HOME)
        run.user.ifPresent(user -> env.put("HOME", user.home().toString()));
        for (Environment.Variable v : info.getCommand().getEnvironment().getVariablesList()) {
            // an unresolvable secret fails the launch, as on a real agent (SecretResolver: stock or Enterprise)
            env.put(
                    v.getName(),
                    v.getType() == Environment.Variable.Type.SECRET
                            ? agent.secrets().resolve(v.getSecret())
                            : v.getValue());
        }
        env.putIfAbsent("PATH", HOST_DEFAULT_PATH);
        return env;
    }

    static Path sandboxOf(Path workDir, String agentId, String frameworkId, String executorId, String containerId) {
        return workDir.resolve("slaves")
                .resolve(agentId)
                .resolve("frameworks")
                .resolve(frameworkId)
                .resolve("executors")
                .resolve(executorId)
                .resolve("runs")
                .resolve(containerId);
    }
}
