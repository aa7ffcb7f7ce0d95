package org.cassandramesos.executor.jmx;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One table's part of a snapshot, as Cassandra lists it. */
public record SnapshotDetail(
        @JsonProperty("tag") String tag,
        @JsonProperty("keyspace") String keyspace,
        @JsonProperty("table") String table,
        @JsonProperty("true_size") String trueSize,
        @JsonProperty("size_on_disk") String sizeOnDisk,
        @JsonProperty("created_at") String createdAt) {}
