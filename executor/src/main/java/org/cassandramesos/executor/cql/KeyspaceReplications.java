package org.cassandramesos.executor.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import java.util.Map;
import org.cassandramesos.protocol.jobs.KeyspaceReplication;

/**
 * Every keyspace's replication as this node's schema has it ({@code system_schema.keyspaces}), system keyspaces
 * included: the scheduler checks against them that the nodes left after a scale-in can hold each keyspace at its
 * replication factor.
 */
public final class KeyspaceReplications {
    private KeyspaceReplications() {}

    /** Reads through a session to the node itself ({@code CassandraNode.keyspaceReplications()} opens it). */
    public static List<KeyspaceReplication> read(CqlSession session) {
        return session.execute("SELECT keyspace_name, replication FROM system_schema.keyspaces").all().stream()
                .map((Row row) -> new KeyspaceReplication(
                        row.getString("keyspace_name"), row.getMap("replication", String.class, String.class)))
                .sorted(java.util.Comparator.comparing(KeyspaceReplication::name))
                .toList();
    }

    /** For tests and callers holding a map. */
    static KeyspaceReplication of(String name, Map<String, String> replication) {
        return new KeyspaceReplication(name, replication);
    }
}
