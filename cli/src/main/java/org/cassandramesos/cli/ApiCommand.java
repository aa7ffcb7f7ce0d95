package org.cassandramesos.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A leaf command that calls the scheduler: reaches the global options ({@code --name}, {@code --json}, ... given before
 * or after the subcommand) through the root command.
 */
abstract class ApiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        run();
        return ExitCode.OK.code;
    }

    abstract void run();

    CassandraCli root() {
        return (CassandraCli) spec.root().userObject();
    }

    SchedulerRestClient api() {
        return root().api();
    }

    Output output() {
        return root().output();
    }

    /** {@code 3} and {@code node-3} both name node-3, as in the original CLI. */
    static String nodeName(String node) {
        return node.matches("\\d+") ? "node-" + node : node;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
