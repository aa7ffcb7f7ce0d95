package org.cassandramesos.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "backups",
        description = "The backups stored at the configured location.",
        subcommands = {BackupsCommand.ListBackups.class, BackupsCommand.Describe.class, BackupsCommand.Delete.class})
final class BackupsCommand {

    @Command(name = "list", description = "List backups.")
    static final class ListBackups extends ApiCommand {
        @Override
        void run() {
            output().print(api().get("/v1/backups").json());
        }
    }

    @Command(name = "describe", description = "Show a backup's manifest.")
    static final class Describe extends ApiCommand {
        @Parameters(index = "0", paramLabel = "<backup>")
        String backup;

        @Override
        void run() {
            output().print(api().get("/v1/backups/" + encode(backup)).json());
        }
    }

    @Command(name = "delete", description = "Delete a backup.")
    static final class Delete extends ApiCommand {
        @Parameters(index = "0", paramLabel = "<backup>")
        String backup;

        @Mixin
        Confirmation confirmation;

        @Override
        void run() {
            confirmation.require(
                    "backup " + backup + " and every blob only it references will be deleted from the store");
            output().confirm(
                            "backup " + backup + " deleted",
                            api().delete("/v1/backups/" + encode(backup)).json());
        }
    }
}
