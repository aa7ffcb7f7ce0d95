package org.cassandramesos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result file into a Markdown table where every benchmark is set against the
 * {@code baseline*} benchmark of the same class and parameters, from the same run.
 *
 * <p>Usage: {@code JmhTable <results.json> <table.md> <title> [<what one op is, e.g. events>]}
 */
public final class JmhTable {
    private JmhTable() {}

    record Row(String benchmark, String params, double score, double error, String unit) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: JmhTable <results.json> <table.md> <title> [<what one op is>]");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Files.writeString(Path.of(args[1]), render(results, args[2], args.length == 4 ? args[3] : "ops"));
    }

    static String render(JsonNode results, String title, String opName) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : results) {
            String name = r.get("benchmark").asText();
            StringBuilder params = new StringBuilder();
            JsonNode p = r.get("params");
            if (p != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.append(params.length() == 0 ? "" : ", ")
                            .append(e.getKey())
                            .append('=')
                            .append(e.getValue().asText());
                }
            }
            JsonNode m = r.get("primaryMetric");
            rows.add(new Row(
                    name,
                    params.toString(),
                    m.get("score").asDouble(),
                    m.get("scoreError").asDouble(),
                    m.get("scoreUnit").asText().replace("ops", opName)));
        }
        Map<String, Row> baselines = new LinkedHashMap<>();
        for (Row row : rows) {
            if (simpleName(row.benchmark()).startsWith("baseline")) {
                baselines.put(className(row.benchmark()) + "|" + row.params(), row);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n");
        out.append("Measured ")
                .append(LocalDate.now())
                .append(" on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append(". Ratio = score / the baseline of the same class and parameters, same run.\n\n");
        out.append("| benchmark | params | score | ± error | unit | ratio to baseline |\n");
        out.append("|---|---|---:|---:|---|---:|\n");
        for (Row row : rows) {
            Row base = baselines.get(className(row.benchmark()) + "|" + row.params());
            String ratio = base == null ? "" : String.format(Locale.ROOT, "%.2f", row.score() / base.score());
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,.1f | %,.1f | %s | %s |%n",
                    simpleName(row.benchmark()),
                    row.params(),
                    row.score(),
                    row.error(),
                    row.unit(),
                    ratio));
        }
        return out.toString();
    }

    private static String simpleName(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static String className(String benchmark) {
        return benchmark.substring(0, benchmark.lastIndexOf('.'));
    }
}
