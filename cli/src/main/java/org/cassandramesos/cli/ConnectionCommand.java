package org.cassandramesos.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "connection",
        description = "Show the CQL contact points of the nodes that serve CQL (running, not stopped by an operator).",
        footer = {
            "CQL logins are on unless the service runs with CQL_AUTHENTICATION=false: log in as the",
            "CQL_SUPERUSER (default cassandra_mesos_admin) with the password in the secret store at",
            "<service name>/cql-password (local mode prints both)."
        })
final class ConnectionCommand extends ApiCommand {
    @ArgGroup(exclusive = true)
    Only only;

    static final class Only {
        @Option(names = "--address", description = "Only ip:port addresses.")
        boolean address;

        @Option(names = "--dns", description = "Only DNS names.")
        boolean dns;
    }

    @Override
    void run() {
        String path = only == null ? "/v1/connection" : only.address ? "/v1/connection/address" : "/v1/connection/dns";
        output().print(api().get(path).json());
    }
}
