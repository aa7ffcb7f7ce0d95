package org.cassandramesos.cli;

import picocli.CommandLine.Command;

/**
 * {@code describe}: the configuration the scheduler deploys ({@code GET /v1/config/target}, secrets redacted by the
 * scheduler), printed as JSON like the SDK's {@code describe}: the settings nest too deeply for a table.
 */
@Command(name = "describe", description = "Show the configuration in force (the scheduler's target config, as JSON).")
final class DescribeCommand extends ApiCommand {
    @Override
    void run() {
        output().printJson(api().get("/v1/config/target").json());
        output().out().flush();
    }
}
