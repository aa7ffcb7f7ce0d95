package org.cassandramesos.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row and columns padded to their widest cell. */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    public Table row(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    public void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (List<String> line : allLines()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cell(line, i).length());
            }
        }
        for (List<String> line : allLines()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = cell(line, i);
                text.append(cell);
                if (i < widths.length - 1) {
                    text.append(" ".repeat(widths[i] - cell.length() + 2));
                }
            }
            out.println(text.toString().stripTrailing());
        }
    }

    private List<List<String>> allLines() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        return lines;
    }

    private static String cell(List<String> line, int i) {
        return i < line.size() && line.get(i) != null ? line.get(i) : "";
    }
}
