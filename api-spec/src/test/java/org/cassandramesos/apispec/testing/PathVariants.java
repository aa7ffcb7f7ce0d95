package org.cassandramesos.apispec.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Other spellings of a request path, each of which some router, servlet container or proxy may still take for the
 * path itself: matrix parameters, percent-encoded characters and separators, dot segments, doubled slashes, case
 * and a trailing slash. None of them is the canonical path, so none may be treated as a public route.
 */
public final class PathVariants {
    public record Variant(String kind, String path) {
        @Override
        public String toString() {
            return kind + ": " + path;
        }
    }

    private static final List<String> PARAMETERS = List.of(";", ";x=y", ";jsessionid=1");

    private PathVariants() {}

    /** @param path a concrete absolute path, without query */
    public static List<Variant> of(String path) {
        List<String> segments =
                path.equals("/") ? List.of("") : List.of(path.substring(1).split("/", -1));
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            for (String parameter : PARAMETERS) {
                variants.add(new Variant(
                        "matrix '" + parameter + "' on segment " + i, join(segments, i, s -> s + parameter)));
            }
            variants.add(new Variant("%3B on segment " + i, join(segments, i, s -> s + "%3B")));
            for (int c = 0; c < segment.length(); c++) {
                int at = c;
                variants.add(new Variant(
                        "percent-encoded char " + at + " of segment " + i,
                        join(segments, i, s -> s.substring(0, at) + encoded(s.charAt(at)) + s.substring(at + 1))));
            }
            variants.add(new Variant("/./ before segment " + i, join(segments, i, s -> "./" + s)));
            variants.add(new Variant("/x/../ before segment " + i, join(segments, i, s -> "x/../" + s)));
            variants.add(new Variant("/%2E/ before segment " + i, join(segments, i, s -> "%2E/" + s)));
            variants.add(new Variant("/x/%2E%2E/ before segment " + i, join(segments, i, s -> "x/%2E%2E/" + s)));
            variants.add(new Variant("// before segment " + i, join(segments, i, s -> "/" + s)));
            if (i > 0) {
                variants.add(new Variant("%2F as separator " + i, separatedBy(segments, i, "%2F")));
                variants.add(new Variant("%5C as separator " + i, separatedBy(segments, i, "%5C")));
            }
            String upper = segment.toUpperCase(Locale.ROOT);
            if (!upper.equals(segment)) {
                variants.add(new Variant("upper-case segment " + i, join(segments, i, s -> upper)));
            }
        }
        if (!path.toUpperCase(Locale.ROOT).equals(path)) {
            variants.add(new Variant("upper-case path", path.toUpperCase(Locale.ROOT)));
        }
        variants.add(new Variant("trailing /", path + "/"));
        variants.add(new Variant("trailing /.", path + (path.endsWith("/") ? "." : "/.")));
        variants.add(new Variant("trailing //", path + "//"));
        return variants;
    }

    private static String encoded(char c) {
        return String.format(Locale.ROOT, "%%%02X", (int) c);
    }

    private static String join(List<String> segments, int changed, UnaryOperator<String> change) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            path.append('/').append(i == changed ? change.apply(segments.get(i)) : segments.get(i));
        }
        return path.toString();
    }

    private static String separatedBy(List<String> segments, int separator, String replacement) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            path.append(i == separator ? replacement : "/").append(segments.get(i));
        }
        return path.toString();
    }
}
