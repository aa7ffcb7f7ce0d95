package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** backup and restore: start with a name and an S3 location; keys default to the AWS environment variables. */
final class BackupRestoreCommand {

    /**
     * {@code --name} is the service name everywhere (an inherited option of the root command), but this CLI's first
     * releases took {@code backup start --name <backup>}. {@link #names} keeps those command lines working: with
     * {@code --backup-name} (or the original CLI's {@code --backup_name}) given, a {@code --name} after the subcommand is
     * the service, as everywhere else; without it, a {@code --name} after the subcommand is the backup and the service
     * is the {@code --name} given before the subcommand (default {@code cassandra}).
     */
    abstract static class Start extends ApiCommand {
        @Option(
                names = {"--backup-name", "--backup_name"},
                paramLabel = "<backup>",
                description =
                        "Backup name. (Old spelling: --name <backup> after `start`, when --backup-name is not given.)")
        String backupName;

        @Option(
                names = {"--location", "--external-location", "--external_location"},
                paramLabel = "<location>",
                description = "s3://bucket/prefix or http(s)://host:port/bucket/prefix (S3-compatible)."
                        + " Default: the scheduler's BACKUP_LOCATION; any other must be allowed by its BACKUP_ALLOWED_LOCATIONS"
                        + " and needs --s3-access-key and --s3-secret-key.")
        String location;

        // Secrets: never given a picocli default (it would show in --help) and never printed.
        @Option(
                names = {"--s3-access-key", "--s3_access_key"},
                paramLabel = "<key>",
                description = "Default: AWS_ACCESS_KEY_ID.")
        String accessKey;

        @Option(
                names = {"--s3-secret-key", "--s3_secret_key"},
                paramLabel = "<key>",
                description = "Default: AWS_SECRET_ACCESS_KEY.")
        String secretKey;

        // The original CLI's Azure flags: refused with a reason rather than "Unknown option".
        @Option(
                names = {"--azure_account", "--azure-account", "--azure_key", "--azure-key"},
                hidden = true,
                paramLabel = "<value>")
        String azure;

        @Mixin
        OperationWait completion;

        /** The backup and service names this command line means; see the class comment. */
        record Names(String backup, String service) {}

        Names names() {
            ParseResult here = spec.commandLine().getParseResult();
            ParseResult top = spec.root().commandLine().getParseResult();
            Optional<String> nameHere = matched(here);
            if (backupName != null) {
                return new Names(backupName, root().serviceName());
            }
            String service =
                    matched(top).orElse(spec.root().findOption("--name").defaultValue());
            return new Names(
                    nameHere.orElseThrow(
                            () -> new CliFailure(ExitCode.USAGE, "a backup name is required: --backup-name <backup>")),
                    service);
        }

        private static Optional<String> matched(ParseResult result) {
            return Optional.ofNullable(result.matchedOption("--name"))
                    .map(option -> option.stringValues())
                    .filter(values -> !values.isEmpty())
                    .map(values -> values.get(values.size() - 1));
        }

        /** Restore asks first; backup does not. */
        void confirm(String operation, Names names) {}

        @Override
        void run() {
            if (azure != null) {
                throw new CliFailure(
                        ExitCode.USAGE,
                        "Azure storage is not supported: use an s3:// or S3-compatible http(s):// --external-location");
            }
            String operation = spec.parent().name();
            Names names = names();
            confirm(operation, names);
            CliEnvironment environment = root().environment();
            ObjectNode body = SchedulerRestClient.JSON.createObjectNode().put("backup_name", names.backup());
            if (location != null) {
                body.put("external_location", location);
            }
            String access = accessKey != null
                    ? accessKey
                    : environment.get("AWS_ACCESS_KEY_ID").orElse(null);
            String secret = secretKey != null
                    ? secretKey
                    : environment.get("AWS_SECRET_ACCESS_KEY").orElse(null);
            if (access != null) {
                body.put("s3_access_key", access);
            }
            if (secret != null) {
                body.put("s3_secret_key", secret);
            }
            SchedulerRestClient api = root().api(names.service());
            JsonNode answer = api.put("/v1/" + operation + "/start", body).json();
            completion.confirmAndFollow(
                    operation + " " + names.backup() + " started", answer, operation, api, output());
        }
    }

    @Command(name = "start", description = "Start a backup of every node.")
    static final class BackupStart extends Start {}

    @Command(name = "start", description = "Restore a backup into every node (asks first, unless --yes).")
    static final class RestoreStart extends Start {
        @Mixin
        Confirmation confirmation;

        @Override
        void confirm(String operation, Names names) {
            confirmation.require(
                    "backup " + names.backup() + " will be restored into every node of " + names.service()
                            + " (its rows are imported over the tables' current data; rows deleted since the backup may come back)");
        }
    }

    @Command(
            name = "backup",
            description = "Back the cluster up to S3.",
            subcommands = {
                BackupStart.class,
                NodeOperationCommand.StopCommand.class,
                NodeOperationCommand.StatusCommand.class
            })
    static final class Backup {}

    @Command(
            name = "restore",
            description = "Restore a backup into the cluster.",
            subcommands = {
                RestoreStart.class,
                NodeOperationCommand.StopCommand.class,
                NodeOperationCommand.StatusCommand.class
            })
    static final class Restore {}

    private BackupRestoreCommand() {}
}
