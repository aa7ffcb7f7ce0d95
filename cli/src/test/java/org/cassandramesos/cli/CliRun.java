package org.cassandramesos.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** One in-process CLI invocation with a given environment and home directory; captures output and exit code. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(Map<String, String> env, Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                CassandraCli.execute(args, new CliEnvironment(env, home, new PrintWriter(out), new PrintWriter(err)));
        return new CliRun(code, out.toString(), err.toString());
    }
}
