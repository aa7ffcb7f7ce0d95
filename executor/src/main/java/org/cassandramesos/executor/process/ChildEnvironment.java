package org.cassandramesos.executor.process;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment Cassandra runs with: only the executor's variables on this allowlist. Everything else stays with
 * the executor, above all what it was given to keep (the node API token, the CQL password, S3 keys): whoever can read
 * {@code /proc/<cassandra pid>/environ} or {@code ps e} sees none of it.
 */
public final class ChildEnvironment {
    static final Set<String> ALLOWED = Set.of(
            "PATH",
            "HOME",
            "USER",
            "LOGNAME",
            "SHELL",
            "LANG",
            "LC_ALL",
            "LC_CTYPE",
            "TZ",
            "TMPDIR",
            "JAVA_HOME",
            "CASSANDRA_HOME",
            "MESOS_SANDBOX",
            "LD_LIBRARY_PATH");

    private ChildEnvironment() {}

    /** The allowed subset of {@code parent}, sorted. */
    public static Map<String, String> of(Map<String, String> parent) {
        Map<String, String> child = new TreeMap<>();
        parent.forEach((name, value) -> {
            if (ALLOWED.contains(name)) {
                child.put(name, value);
            }
        });
        return child;
    }
}
