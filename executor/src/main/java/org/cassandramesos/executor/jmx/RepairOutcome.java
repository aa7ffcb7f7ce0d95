package org.cassandramesos.executor.jmx;

import java.util.List;

/**
 * How a repair ended.
 *
 * @param command  Cassandra's repair command number
 * @param success  no error or abort was reported
 * @param messages the progress messages Cassandra sent, in order
 */
public record RepairOutcome(int command, boolean success, List<String> messages) {
    public RepairOutcome {
        messages = List.copyOf(messages);
    }
}
