package org.cassandramesos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Prints scheduler answers: raw JSON with --json, readable lines and tables otherwise. */
public final class Output {
    private final PrintWriter out;
    private final boolean json;

    public Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    public PrintWriter out() {
        return out;
    }

    /** Prints an answer with the generic layout (lists one per line, objects as key/value rows, arrays of objects as tables). */
    public void print(JsonNode answer) {
        if (json) {
            printJson(answer);
        } else {
            human(answer);
        }
        out.flush();
    }

    /** A one-line confirmation in human mode, the answer's JSON with --json. */
    public void confirm(String line, JsonNode answer) {
        if (json) {
            printJson(answer);
        } else {
            out.println(line);
        }
        out.flush();
    }

    public void printJson(JsonNode answer) {
        try {
            out.println(
                    SchedulerRestClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void human(JsonNode answer) {
        if (answer.isArray() && allObjects(answer)) {
            table(answer).print(out);
        } else if (answer.isArray()) {
            answer.forEach(item -> out.println(scalar(item)));
        } else if (answer.isObject()) {
            keyValues(answer);
        } else if (!answer.isNull()) {
            out.println(scalar(answer));
        }
    }

    private void keyValues(JsonNode object) {
        Table rows = new Table(List.of("KEY", "VALUE"));
        List<Map.Entry<String, JsonNode>> nested = new ArrayList<>();
        object.fields().forEachRemaining(field -> {
            if (field.getValue().isArray() && field.getValue().size() > 0 && allObjects(field.getValue())) {
                nested.add(field);
            } else {
                rows.row(List.of(field.getKey(), scalar(field.getValue())));
            }
        });
        rows.print(out);
        for (Map.Entry<String, JsonNode> field : nested) {
            out.println();
            out.println(field.getKey() + ":");
            table(field.getValue()).print(out);
        }
    }

    static Table table(JsonNode arrayOfObjects) {
        Set<String> columns = new LinkedHashSet<>();
        arrayOfObjects.forEach(item -> item.fieldNames().forEachRemaining(columns::add));
        Table table = new Table(columns.stream().map(String::toUpperCase).toList());
        arrayOfObjects.forEach(item ->
                table.row(columns.stream().map(c -> scalar(item.path(c))).toList()));
        return table;
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject()) {
                return false;
            }
        }
        return true;
    }

    /** A value as one cell: text as is, lists comma-joined, anything else compact JSON. */
    static String scalar(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        } else if (value.isValueNode()) {
            return value.asText();
        } else if (value.isArray() && !allObjectsOrEmpty(value)) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(scalar(item)));
            return String.join(", ", items);
        }
        return value.toString();
    }

    private static boolean allObjectsOrEmpty(JsonNode array) {
        return array.size() > 0 && allObjects(array);
    }
}
