package org.cassandramesos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code dcos-cassandra}: drives the scheduler's REST API. The DC/OS CLI runs it as
 * {@code dcos-cassandra cassandra <args>} for {@code dcos cassandra <args>}; the leading {@code cassandra} is dropped.
 */
@Command(
        name = "dcos-cassandra",
        description = "Manage a cassandra-mesos service (Apache Cassandra on Mesos / DC/OS).",
        subcommands = {
            PlanCommand.class,
            ConnectionCommand.class,
            NodeCommand.class,
            NodeOperationCommand.Repair.class,
            NodeOperationCommand.Cleanup.class,
            NodeOperationCommand.UpgradeSSTables.class,
            BackupRestoreCommand.Backup.class,
            BackupRestoreCommand.Restore.class,
            BackupsCommand.class,
            SeedsCommand.class,
            DescribeCommand.class,
            EndpointsCommand.class,
            UpdateCommand.class,
            CompletionCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 ok, 2 usage, 3 not authorized (401/403), 4 not found (404),",
            "5 conflict (409), 6 other 4xx, 7 5xx, 8 scheduler unreachable, 9 no cluster configured (or, for",
            "update start, no Cosmos: local mode), 10 --wait: failed or stopped, 11 --wait: timed out."
        })
public final class CassandraCli implements Callable<Integer> {
    static final String INFO = "Manage Apache Cassandra clusters run by cassandra-mesos";

    private final CliEnvironment environment;

    // The connection and output options are INHERIT: accepted before or after any subcommand (`plan show --name=c2
    // --json`), as the SDK and the original CLI accept their app flags anywhere. Each is one field, set by whichever
    // occurrence picocli parses last.
    @Option(
            names = "--name",
            defaultValue = "cassandra",
            paramLabel = "<service>",
            scope = ScopeType.INHERIT,
            description = "Service name (default: ${DEFAULT-VALUE}); the API is <DCOS_URL>/service/<service>.")
    String name;

    @Option(
            names = "--url",
            paramLabel = "<url>",
            scope = ScopeType.INHERIT,
            description = "Scheduler base URL (local mode), e.g. http://127.0.0.1:9000; bypasses DC/OS.")
    String url;

    @Option(
            names = {"--token", "--custom-auth-token"},
            paramLabel = "<token>",
            scope = ScopeType.INHERIT,
            description = "API token (default: CASSANDRA_MESOS_TOKEN with --url, else the DC/OS ACS token).")
    String token;

    @Option(
            names = {"--ca-cert", "--custom-cert-path"},
            paramLabel = "<pem>",
            scope = ScopeType.INHERIT,
            description =
                    "Trust the scheduler's HTTPS certificate by this CA certificate (PEM file; default: "
                            + "CASSANDRA_MESOS_CA_CERT with --url, else the DC/OS CLI's ssl_verify). Local mode --tls prints it.")
    String caCert;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the scheduler's JSON instead of tables.")
    boolean json;

    @Option(names = "--info", description = "Print a one-line description (used by the DC/OS CLI).")
    boolean info;

    @Option(names = "--version", description = "Print the version.")
    boolean version;

    @Option(names = "--config-schema", description = "Print the package's configuration schema (config.json).")
    boolean configSchema;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            scope = ScopeType.INHERIT,
            description = "Show this help.")
    boolean help;

    public CassandraCli(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(execute(args, CliEnvironment.ofProcess()));
    }

    /** Runs one invocation and returns its exit code. */
    public static int execute(String[] args, CliEnvironment environment) {
        String[] effective =
                args.length > 0 && args[0].equals("cassandra") ? Arrays.copyOfRange(args, 1, args.length) : args;
        CommandLine commandLine = new CommandLine(new CassandraCli(environment))
                .setOut(environment.out())
                .setErr(environment.err())
                .setExecutionExceptionHandler((exception, failed, parseResult) -> {
                    if (exception instanceof CliFailure failure) {
                        environment.err().println("error: " + failure.getMessage());
                        environment.err().flush();
                        return failure.exitCode().code;
                    }
                    throw exception;
                });
        int code = commandLine.execute(effective);
        environment.out().flush();
        environment.err().flush();
        return code;
    }

    @Override
    public Integer call() {
        if (info) {
            environment.out().println(INFO);
        } else if (version) {
            environment.out().println("dcos-cassandra " + version());
        } else if (configSchema) {
            environment.out().println(resource("/universe/config.json").strip());
        } else {
            new CommandLine(this).usage(environment.err());
            return ExitCode.USAGE.code;
        }
        environment.out().flush();
        return ExitCode.OK.code;
    }

    CliEnvironment environment() {
        return environment;
    }

    SchedulerRestClient api() {
        return api(name);
    }

    /** The API of another service than {@code --name} says ({@code backup start}'s old {@code --name} spelling). */
    SchedulerRestClient api(String serviceName) {
        return new SchedulerRestClient(SchedulerTarget.resolve(environment, serviceName, url, token, caCert));
    }

    String serviceName() {
        return name;
    }

    Output output() {
        return new Output(environment.out(), json);
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = CassandraCli.class.getResourceAsStream("/dcos-cassandra.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    private static String resource(String path) {
        try (InputStream in = CassandraCli.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not bundled in this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
