package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** backup and restore: start with a name and an S3 location; keys default to the AWS environment variables. */
final class BackupRestoreCommand {

  @Command(name = "start", description = "Start a ${PARENT-COMMAND-NAME} of every node.")
  static final class Start extends ApiCommand {
    @Option(names = {"--name", "--backup-name", "--backup_name"}, required = true, paramLabel = "<backup>", description = "Backup name.")
    String backupName;

    @Option(names = {"--location", "--external-location", "--external_location"}, paramLabel = "<location>",
        description = "s3://bucket/prefix or http(s)://host:port/bucket/prefix (S3-compatible)."
            + " Default: the scheduler's BACKUP_LOCATION; any other must be allowed by its BACKUP_ALLOWED_LOCATIONS"
            + " and needs --s3-access-key and --s3-secret-key.")
    String location;

    // Secrets: never given a picocli default (it would show in --help) and never printed.
    @Option(names = {"--s3-access-key", "--s3_access_key"}, paramLabel = "<key>", description = "Default: AWS_ACCESS_KEY_ID.")
    String accessKey;

    @Option(names = {"--s3-secret-key", "--s3_secret_key"}, paramLabel = "<key>", description = "Default: AWS_SECRET_ACCESS_KEY.")
    String secretKey;

    @Mixin
    OperationWait completion;

    @Override
    void run() {
      String operation = spec.parent().name();
      CliEnvironment environment = root().environment();
      ObjectNode body = SchedulerRestClient.JSON.createObjectNode()
          .put("backup_name", backupName);
      if (location != null) {
        body.put("external_location", location);
      }
      String access = accessKey != null ? accessKey : environment.get("AWS_ACCESS_KEY_ID").orElse(null);
      String secret = secretKey != null ? secretKey : environment.get("AWS_SECRET_ACCESS_KEY").orElse(null);
      if (access != null) {
        body.put("s3_access_key", access);
      }
      if (secret != null) {
        body.put("s3_secret_key", secret);
      }
      JsonNode answer = api().put("/v1/" + operation + "/start", body).json();
      completion.confirmAndFollow(operation + " " + backupName + " started", answer, operation, api(), output());
    }
  }

  @Command(name = "backup", description = "Back the cluster up to S3.",
      subcommands = {Start.class, NodeOperationCommand.StopCommand.class, NodeOperationCommand.StatusCommand.class})
  static final class Backup {}

  @Command(name = "restore", description = "Restore a backup into the cluster.",
      subcommands = {Start.class, NodeOperationCommand.StopCommand.class, NodeOperationCommand.StatusCommand.class})
  static final class Restore {}

  private BackupRestoreCommand() {}
}
