package org.cassandramesos.cli;

import java.io.Console;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --yes} on commands that destroy something: without it the CLI asks on the terminal, and with no terminal
 * (a script, CI) it refuses, so nothing is destroyed by a command line that did not say so.
 */
final class Confirmation {
    @Option(
            names = {"--yes", "-y"},
            description = "Do it without asking.")
    boolean yes;

    /** Returns when confirmed; otherwise fails with a usage error that says what would have happened. */
    void require(String what) {
        if (yes) {
            return;
        }
        Console console = System.console();
        if (!isTerminal(console)) {
            throw new CliFailure(ExitCode.USAGE, what + "; no terminal to ask on: add --yes to confirm");
        }
        String answer = console.readLine("%s. Continue? [y/N] ", what);
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
            throw new CliFailure(ExitCode.USAGE, "not confirmed: nothing done");
        }
    }

    /**
     * Whether there is a terminal to ask on. Up to JDK 21 {@link System#console()} is null without one; from JDK 22 it
     * may return a console on redirected streams too, and {@code Console.isTerminal()} (absent before 22) tells.
     */
    static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22: a console at all means a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
