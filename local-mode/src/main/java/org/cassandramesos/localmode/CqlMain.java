package org.cassandramesos.localmode;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.cassandramesos.tls.TlsMaterial;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cassandra-mesos cql "<statement>"…}: runs CQL against the cluster the scheduler reports in
 * {@code /v1/connection}, so a newcomer needs no cqlsh. Rows are printed one per line as
 * {@code column=value} pairs.
 */
@Command(
        name = "cassandra-mesos cql",
        mixinStandardHelpOptions = true,
        description = "Runs CQL statements against the cluster's contact points from /v1/connection.")
public final class CqlMain implements Callable<Integer> {
    @Option(
            names = "--url",
            defaultValue = "http://127.0.0.1:9000",
            description = "scheduler API (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(
            names = "--token",
            defaultValue = "${env:CASSANDRA_MESOS_TOKEN}",
            description = "API token (default: $CASSANDRA_MESOS_TOKEN)")
    String token;

    @Option(
            names = "--ca-cert",
            defaultValue = "${env:CASSANDRA_MESOS_CA_CERT}",
            description =
                    "CA certificate (PEM) to trust: the API over https and CQL over TLS (local mode --tls prints it; "
                            + "default: $CASSANDRA_MESOS_CA_CERT)")
    Path caCert;

    @Option(
            names = "--user",
            defaultValue = "${env:CASSANDRA_MESOS_CQL_USER}",
            description =
                    "CQL user (default: $CASSANDRA_MESOS_CQL_USER; its password only from $CASSANDRA_MESOS_CQL_PASSWORD, never an argument)")
    String user;

    @Option(
            names = "--data-dir",
            defaultValue = "local-data",
            description =
                    "local mode's data directory: without $CASSANDRA_MESOS_CQL_USER, log in as local mode's superuser with its cql-password file (default: ${DEFAULT-VALUE})")
    java.nio.file.Path dataDir;

    @Option(
            names = "--datacenter",
            defaultValue = "datacenter1",
            description = "local datacenter (default: ${DEFAULT-VALUE})")
    String datacenter;

    @Option(
            names = "--timeout",
            defaultValue = "PT30S",
            description = "per statement, schema agreement included (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Parameters(arity = "1..*", paramLabel = "<statement>")
    List<String> statements;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CqlMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (token == null || token.isBlank()) {
            System.err.println("no API token: pass --token or set CASSANDRA_MESOS_TOKEN (local mode prints it)");
            return 2;
        }
        Optional<SSLContext> tls =
                caCert == null ? Optional.empty() : Optional.of(TlsMaterial.trusting(Files.readString(caCert)));
        JsonNode connection = new PlanWatcher(url, token, System.err, tls).connection();
        List<InetSocketAddress> contactPoints = new ArrayList<>();
        for (JsonNode address : connection.path("address")) {
            String[] hostPort = address.asText().split(":");
            contactPoints.add(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        }
        if (contactPoints.isEmpty()) {
            System.err.println("no running Cassandra node yet (GET " + url + "/v1/connection lists none)");
            return 1;
        }
        // DDL waits for schema agreement: on a small, busy machine that takes longer than the driver's 2 s default
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, timeout)
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .withConfigLoader(config)
                .addContactPoints(contactPoints)
                .withLocalDatacenter(datacenter);
        // with a CA: CQL over TLS, each node's certificate checked against it and against the node's IP
        tls.ifPresent(context -> builder.withSslEngineFactory(new ProgrammaticSslEngineFactory(context, null, true)));
        java.nio.file.Path localPassword = dataDir.resolve("cql-password");
        if ((user == null || user.isBlank()) && java.nio.file.Files.isReadable(localPassword)) {
            builder.withAuthCredentials(
                    LocalModeSettings.CQL_SUPERUSER,
                    java.nio.file.Files.readString(localPassword).strip());
        } else if (user != null && !user.isBlank()) {
            String password = System.getenv("CASSANDRA_MESOS_CQL_PASSWORD");
            if (password == null || password.isBlank()) {
                System.err.println(
                        "no CQL password for " + user + ": set CASSANDRA_MESOS_CQL_PASSWORD (local mode prints it)");
                return 2;
            }
            builder.withAuthCredentials(user, password);
        }
        try (CqlSession session = builder.build()) {
            for (String statement : statements) {
                print(session.execute(statement));
            }
        }
        return 0;
    }

    private void print(ResultSet result) {
        for (Row row : result) {
            List<String> cells = new ArrayList<>();
            for (ColumnDefinition column : row.getColumnDefinitions()) {
                cells.add(column.getName().asCql(true) + "=" + row.getObject(column.getName()));
            }
            out.println(String.join("  ", cells));
        }
    }
}
