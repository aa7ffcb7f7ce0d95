package org.cassandramesos.bench.localmode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Follows a process's output into a log until a given line appears. */
final class ScriptOutput {
    private ScriptOutput() {}

    /**
     * Blocks until {@code line} is printed (true) or the output ends (false); keeps copying the rest to {@code log}
     * on a daemon thread afterwards.
     */
    static boolean awaitLine(Process process, String line, Path log) throws IOException {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter writer = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        String read;
        while ((read = reader.readLine()) != null) {
            writer.println(read);
            if (read.equals(line)) {
                Thread rest = new Thread(() -> copy(reader, writer), "script-output");
                rest.setDaemon(true);
                rest.start();
                return true;
            }
        }
        writer.close();
        return false;
    }

    private static void copy(BufferedReader reader, PrintWriter writer) {
        try (reader;
                writer) {
            String read;
            while ((read = reader.readLine()) != null) {
                writer.println(read);
            }
        } catch (IOException ended) {
            // the process is gone: nothing more to copy
        }
    }
}
