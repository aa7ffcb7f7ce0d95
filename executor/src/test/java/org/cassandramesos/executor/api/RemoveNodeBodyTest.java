package org.cassandramesos.executor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The removenode body takes one IP literal: a host name is never looked up, anything else is a 400 naming the problem. */
class RemoveNodeBodyTest {
    @Test
    void anIpLiteralIsTheAddress() {
        assertThat(RemoveNodeBody.address("{\"address\": \"10.0.0.3\"}")).isEqualTo("10.0.0.3");
        assertThat(RemoveNodeBody.address("{\"address\": \"::1\"}")).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void namesBadOctetsOtherFieldsAndMissingAddressesAreRefused() {
        assertThatThrownBy(() -> RemoveNodeBody.address("{\"address\": \"cassandra-2.example\"}"))
                .hasMessageContaining("IP address literal");
        assertThatThrownBy(() -> RemoveNodeBody.address("{\"address\": \"10.0.0.300\"}"))
                .hasMessageContaining("IP address literal");
        assertThatThrownBy(() -> RemoveNodeBody.address("{\"address\": \"10.0.0.3\", \"force\": true}"))
                .hasMessageContaining("unknown field 'force'");
        assertThatThrownBy(() -> RemoveNodeBody.address("{}")).hasMessageContaining("address is required");
        assertThatThrownBy(() -> RemoveNodeBody.address("[\"10.0.0.3\"]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> RemoveNodeBody.address("{\"address\": 10}"))
                .hasMessageContaining("address is required");
    }
}
