package org.cassandramesos.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

public class ChildEnvironmentTest {
    /** What the real-node tests check a Cassandra process's environment against. */
    public static final java.util.Set<String> ALLOWED = ChildEnvironment.ALLOWED;

    @Test
    void keepsOnlyTheAllowlistSoNoSecretReachesCassandra() {
        Map<String, String> child = ChildEnvironment.of(Map.ofEntries(
                Map.entry("PATH", "/usr/bin"),
                Map.entry("HOME", "/home/n"),
                Map.entry("JAVA_HOME", "/jdk"),
                Map.entry("MESOS_SANDBOX", "/sb"),
                Map.entry("LANG", "C.UTF-8"),
                Map.entry("NODE_API_TOKEN", "t"),
                Map.entry("CQL_PASSWORD", "p"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "k"),
                Map.entry("AWS_ACCESS_KEY_ID", "a"),
                Map.entry("LIBPROCESS_IP", "10.0.0.1"),
                Map.entry("SOMETHING_ELSE", "x")));

        assertThat(child).containsOnlyKeys("PATH", "HOME", "JAVA_HOME", "MESOS_SANDBOX", "LANG");
    }
}
