package org.cassandramesos.protocol.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;

/**
 * The Cassandra process of one node in seed 003's terms ({@code GET /v1/cassandra/info} on the node API).
 *
 * @param started  epoch seconds (UTC) the running process started; null unless active or paused
 * @param counters cumulative counters of the running process: {@code block:0:read:bytes},
 *                 {@code block:0:write:bytes}, {@code block:0:read:requests}, {@code block:0:write:requests},
 *                 {@code rx:bytes}, {@code tx:bytes}, {@code rx:packets}, {@code tx:packets}
 * @param user     seed 003's owner: the OS user the Cassandra process runs as (the executor's own user, whose
 *                 child it is, while it does not run); null from an executor that predates the field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeProcessInfo(
        @JsonProperty("status") Status status,
        @JsonProperty("started") Long started,
        @JsonProperty("pid") Long pid,
        @JsonProperty("counters") Map<String, Long> counters,
        @JsonProperty("user") String user) {

    public NodeProcessInfo {
        counters = counters == null ? Map.of() : Map.copyOf(counters);
    }

    /** Without the owner. */
    public NodeProcessInfo(Status status, Long started, Long pid, Map<String, Long> counters) {
        this(status, started, pid, counters, null);
    }

    public enum Status {
        /** Running and serving. */
        ACTIVE,
        /** Stopped by an operator (stop, shutdown); data kept, comes back with start. */
        STOPPED,
        /** The process is up but does not serve (drained, gossip or native transport off). */
        PAUSED,
        /** Died without being asked to. */
        DEAD;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Status fromWire(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }
}
