package org.cassandramesos.scheduler.api;

import java.util.Comparator;
import java.util.regex.Pattern;

/** Node names as the API accepts them: {@code node-N}. */
final class NodeNames {
    private static final Pattern NODE = Pattern.compile("node-(0|[1-9][0-9]{0,8})");

    /** Sorts node-2 before node-10. */
    static final Comparator<String> BY_INDEX = Comparator.comparingInt(NodeNames::index);

    private NodeNames() {}

    /** The name, if well-formed; else 400. */
    static String require(String name) {
        if (name == null || !NODE.matcher(name).matches()) {
            throw ApiErrors.badRequest("'" + name + "' is not a node name (node-0, node-1, ...)");
        }
        return name;
    }

    static boolean isNodeName(String name) {
        return name != null && NODE.matcher(name).matches();
    }

    static int index(String name) {
        return Integer.parseInt(name.substring("node-".length()));
    }
}
