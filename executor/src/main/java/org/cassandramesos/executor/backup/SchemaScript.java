package org.cassandramesos.executor.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup's {@code schema.cql}: CQL statements that recreate the backed-up keyspaces and may run again and again
 * ({@code CREATE ... IF NOT EXISTS}). Pure text work: written from Cassandra's {@code DESCRIBE KEYSPACE} rows, read back
 * as single statements for the driver (which runs one statement at a time).
 */
final class SchemaScript {
    /** {@code CREATE <kind> } not yet followed by IF NOT EXISTS; OR REPLACE (functions) already makes it repeatable. */
    private static final Pattern CREATE = Pattern.compile(
            "^(CREATE\\s+(?:KEYSPACE|TABLE|TYPE|INDEX|CUSTOM\\s+INDEX|MATERIALIZED\\s+VIEW|FUNCTION|AGGREGATE))\\s+(?!IF\\s+NOT\\s+EXISTS\\b)",
            Pattern.CASE_INSENSITIVE);

    /** An identifier: quoted ({@code "a""b"}) or plain. */
    private static final String IDENTIFIER = "(\"(?:[^\"]|\"\")+\"|[A-Za-z0-9_]+)";
    /** What a restore applies: a keyspace, table or type created only if missing, always named with its keyspace. */
    private static final Pattern RESTORABLE = Pattern.compile(
            "^CREATE\\s+(KEYSPACE|TABLE|TYPE)\\s+IF\\s+NOT\\s+EXISTS\\s+" + IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER
                    + ")?",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern FIRST_WORDS = Pattern.compile("^\\s*(\\S+)(?:\\s+(\\S+))?");

    private SchemaScript() {}

    /**
     * What a restore may run of a backup's statements: {@code CREATE KEYSPACE|TABLE|TYPE ... IF NOT EXISTS} in a
     * keyspace {@code keyspaceAllowed} accepts (keyspace names as Cassandra stores them). Everything else (DROP, ALTER,
     * roles, INSERT, functions, indexes, a CREATE without IF NOT EXISTS or without a keyspace) is skipped and named.
     */
    static Selection restorable(List<String> statements, java.util.function.Predicate<String> keyspaceAllowed) {
        List<String> apply = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String statement : statements) {
            Matcher m = RESTORABLE.matcher(statement.strip());
            if (!m.find()) {
                skipped.add(kind(statement) + " (only CREATE KEYSPACE/TABLE/TYPE ... IF NOT EXISTS is restored)");
                continue;
            }
            String kind = m.group(1).toUpperCase(java.util.Locale.ROOT);
            boolean qualified = m.group(3) != null;
            if ("KEYSPACE".equals(kind) == qualified) {
                skipped.add("CREATE " + kind + " " + m.group(2) + (qualified ? "." + m.group(3) : "")
                        + ("KEYSPACE".equals(kind) ? " (not a keyspace name)" : " (no keyspace named)"));
                continue;
            }
            String keyspace = internal(m.group(2));
            if (!keyspaceAllowed.test(keyspace)) {
                skipped.add("CREATE " + kind + " in keyspace " + keyspace + " (not restored here)");
                continue;
            }
            apply.add(statement);
        }
        return new Selection(apply, skipped);
    }

    /** The statements to run, and a description of each skipped one. */
    record Selection(List<String> apply, List<String> skipped) {
        Selection {
            apply = List.copyOf(apply);
            skipped = List.copyOf(skipped);
        }
    }

    /** A name as Cassandra stores it: a quoted identifier as written, a plain one in lower case. */
    static String internal(String identifier) {
        return identifier.startsWith("\"")
                ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier.toLowerCase(java.util.Locale.ROOT);
    }

    /** The statement's first two words, upper-cased: what kind of statement it is, without its content. */
    private static String kind(String statement) {
        Matcher m = FIRST_WORDS.matcher(statement);
        if (!m.find()) {
            return "an empty statement";
        }
        String words = m.group(1) + (m.group(2) == null ? "" : " " + m.group(2));
        return words.replaceAll("[^A-Za-z ]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** One statement per {@code create_statement} of DESCRIBE KEYSPACE, made idempotent, each ending with {@code ;}. */
    static String render(List<String> createStatements) {
        StringBuilder script = new StringBuilder();
        for (String statement : createStatements) {
            String trimmed = statement.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            script.append(ifNotExists(trimmed));
            if (!trimmed.endsWith(";")) {
                script.append(';');
            }
            script.append("\n\n");
        }
        return script.toString();
    }

    static String ifNotExists(String statement) {
        Matcher create = CREATE.matcher(statement);
        return create.find() ? create.replaceFirst("$1 IF NOT EXISTS ") : statement;
    }

    /**
     * Splits a script at the semicolons that end statements: not those inside string literals ({@code '...'},
     * {@code $$...$$}), quoted identifiers or comments. Comments are dropped; statements come back without {@code ;}.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(script, i, c);
                current.append(script, i, end);
                i = end;
            } else if (script.startsWith("$$", i)) {
                int close = script.indexOf("$$", i + 2);
                int end = close < 0 ? n : close + 2;
                current.append(script, i, end);
                i = end;
            } else if (script.startsWith("--", i) || script.startsWith("//", i)) {
                int newline = script.indexOf('\n', i);
                i = newline < 0 ? n : newline;
            } else if (script.startsWith("/*", i)) {
                int close = script.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    /** Index just past the quote closing the one at {@code start}; a doubled quote is an escaped one. */
    private static int closingQuote(String script, int start, char quote) {
        int i = start + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return script.length();
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
