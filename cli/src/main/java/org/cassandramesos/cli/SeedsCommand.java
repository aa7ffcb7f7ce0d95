package org.cassandramesos.cli;

import picocli.CommandLine.Command;

@Command(name = "seeds", description = "Show the seed nodes.")
final class SeedsCommand extends ApiCommand {
    @Override
    void run() {
        output().print(api().get("/v1/seeds").json());
    }
}
