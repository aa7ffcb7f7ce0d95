package org.cassandramesos.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "connection", description = "Show the CQL contact points of the running nodes.")
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
