package org.cassandramesos.bench.localmode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Resident set sizes from {@code /proc/<pid>/status} (VmRSS), each process classified by its command line. */
final class RssSampler {
    private RssSampler() {}

    /** The root and every live descendant; processes that end while being read are left out. */
    static List<ProcessSample> tree(ProcessHandle root) {
        List<ProcessSample> samples = new ArrayList<>();
        Stream.concat(Stream.of(root), root.descendants())
                .forEach(p -> sample(p.pid()).ifPresent(samples::add));
        return samples;
    }

    static Optional<ProcessSample> sample(long pid) {
        Optional<String> command = commandLine(pid);
        OptionalLong rss = rssKb(pid);
        if (command.isEmpty() || rss.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ProcessSample(pid, ProcessKind.of(command.get()), rss.getAsLong()));
    }

    static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return Optional.of(
                    new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim());
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    static OptionalLong rssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .findFirst()
                    .map(RssSampler::parseVmRss)
                    .orElse(OptionalLong.empty());
        } catch (IOException | java.io.UncheckedIOException gone) {
            return OptionalLong.empty();
        }
    }

    /** Whether the process ignores SIGINT (bit 2 of {@code SigIgn} in its status). */
    static boolean ignoresSigint(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("SigIgn:"))
                    .findFirst()
                    .map(l -> (Long.parseUnsignedLong(
                                            l.substring("SigIgn:".length()).trim(), 16)
                                    & 0x2)
                            != 0)
                    .orElse(false);
        } catch (IOException | java.io.UncheckedIOException gone) {
            return false;
        }
    }

    /** {@code "VmRSS:\t  123456 kB"} → 123456 (pure). */
    static OptionalLong parseVmRss(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 2 || !"VmRSS:".equals(fields[0])) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(fields[1]));
    }
}
