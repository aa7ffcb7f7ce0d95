package org.cassandramesos.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class ProtoJsonTest {
    @Test
    void subscribeCallPrintsWithProtoFieldNamesAsMesosExpects() {
        Call call = Call.newBuilder()
                .setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder()
                        .setFrameworkInfo(FrameworkInfo.newBuilder()
                                .setUser("nobody")
                                .setName("cassandra")
                                .addRoles("cassandra-role")
                                .setFailoverTimeout(604800)))
                .build();
        assertThat(ProtoJson.print(call))
                .contains("\"type\":\"SUBSCRIBE\"")
                .contains("\"framework_info\":")
                .contains("\"failover_timeout\":604800.0")
                .contains("\"roles\":[\"cassandra-role\"]")
                .doesNotContain("frameworkInfo");
    }

    @Test
    void eventParsesIgnoringUnknownFields() throws Exception {
        Event event = ProtoJson.parse(
                "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{\"value\":\"FW\"},"
                        + "\"heartbeat_interval_seconds\":15,\"some_future_field\":1}}",
                Event.newBuilder());
        assertThat(event.getSubscribed().getFrameworkId())
                .isEqualTo(FrameworkID.newBuilder().setValue("FW").build());
        assertThat(event.getSubscribed().getHeartbeatIntervalSeconds()).isEqualTo(15.0);
    }

    @Test
    void missingRequiredFieldIsAnError() {
        // FrameworkID.value is required (proto2)
        assertThatThrownBy(() -> ProtoJson.parse(
                        "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{}}}", Event.newBuilder()))
                .isInstanceOf(InvalidProtocolBufferException.class);
    }
}
