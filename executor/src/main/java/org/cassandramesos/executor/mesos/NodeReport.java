package org.cassandramesos.executor.mesos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON the executor puts in {@code TaskStatus.data}: enough for the scheduler to find and trust the node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeReport(
        @JsonProperty("node") String node,
        @JsonProperty("ip") String ip,
        @JsonProperty("host_id") String hostId,
        @JsonProperty("operation_mode") String operationMode,
        @JsonProperty("native_port") int nativePort,
        @JsonProperty("node_api_port") int nodeApiPort,
        @JsonProperty("pid") Long pid,
        @JsonProperty("exit_code") Integer exitCode) {}
