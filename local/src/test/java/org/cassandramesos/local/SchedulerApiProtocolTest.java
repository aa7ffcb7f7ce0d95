package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.support.Clusters;
import org.cassandramesos.local.support.RawMesosHttp;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.ProtoJson;
import org.cassandramesos.mesos.RecordIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler endpoint's wire contract (reference §0, §1): codes, headers, streams, failover. */
class SchedulerApiProtocolTest {
    @TempDir
    Path workDir;

    LocalMesos mesos;
    URI endpoint;
    final RawMesosHttp http = new RawMesosHttp();

    @BeforeEach
    void start() throws Exception {
        mesos = Clusters.start(workDir, 1);
        endpoint = mesos.schedulerEndpoint();
    }

    @AfterEach
    void stop() {
        if (mesos != null) mesos.close();
    }

    private static Call subscribe(FrameworkInfo info) {
        Call.Builder c = Call.newBuilder()
                .setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
        if (info.hasId()) c.setFrameworkId(info.getId());
        return c.build();
    }

    private static Event next(RecordIO.Reader reader) throws Exception {
        Optional<byte[]> record = reader.next();
        assertThat(record).as("another event on the stream").isPresent();
        return ProtoJson.parse(record.get(), Event.newBuilder());
    }

    private static Call revive(FrameworkID id) {
        return Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(id).build();
    }

    @Test
    void malformedRequestsGetTheV1StatusCodes() throws Exception {
        assertThat(http.get(endpoint).statusCode()).isEqualTo(405);
        assertThat(http.post(endpoint, null, "{}".getBytes(), Map.of()).statusCode())
                .isEqualTo(400);
        assertThat(http.post(endpoint, "text/plain", "{}".getBytes(), Map.of()).statusCode())
                .isEqualTo(415);
        assertThat(http.post(endpoint, "application/json", "{not json".getBytes(), Map.of())
                        .statusCode())
                .isEqualTo(400);
        // required proto2 field missing (framework_info.user)
        String missingUser = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"x\"}}}";
        assertThat(http.post(endpoint, "application/json", missingUser.getBytes(), Map.of())
                        .statusCode())
                .isEqualTo(400);
        assertThat(http.call(endpoint, subscribe(TestScheduler.frameworkInfo(0)), Map.of("Mesos-Stream-Id", "x"))
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> redirect = http.get(mesos.masterUri().resolve("/redirect"));
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location"))
                .contains("//" + mesos.masterUri().getAuthority());
    }

    @Test
    void subscribeStreamsSubscribedThenHeartbeatsAndCallsNeedTheStreamId() throws Exception {
        HttpResponse<InputStream> response =
                http.subscribe(endpoint, subscribe(TestScheduler.frameworkInfo(60)), "application/json", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        String streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        try (InputStream body = response.body()) {
            RecordIO.Reader reader = new RecordIO.Reader(body);
            Event subscribed = next(reader);
            assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
            assertThat(subscribed.getSubscribed().getHeartbeatIntervalSeconds()).isEqualTo(1.0);
            FrameworkID id = subscribed.getSubscribed().getFrameworkId();
            Event e;
            do {
                e = next(reader);
            } while (e.getType() != Event.Type.HEARTBEAT);

            assertThat(http.call(endpoint, revive(id), Map.of()).statusCode()).isEqualTo(400);
            assertThat(http.call(endpoint, revive(id), Map.of("Mesos-Stream-Id", "not-the-stream"))
                            .statusCode())
                    .isEqualTo(400);
            assertThat(http.call(
                                    endpoint,
                                    revive(FrameworkID.newBuilder()
                                            .setValue("unknown")
                                            .build()),
                                    Map.of("Mesos-Stream-Id", streamId))
                            .statusCode())
                    .isEqualTo(400);
            HttpResponse<String> ok = http.call(endpoint, revive(id), Map.of("Mesos-Stream-Id", streamId));
            assertThat(ok.statusCode()).isEqualTo(202);
            assertThat(ok.body()).isEmpty();
        }
    }

    @Test
    void aSecondSubscriptionFailsTheFirstOverWithAnErrorEvent() throws Exception {
        HttpResponse<InputStream> first =
                http.subscribe(endpoint, subscribe(TestScheduler.frameworkInfo(60)), null, Map.of());
        RecordIO.Reader firstReader = new RecordIO.Reader(first.body());
        FrameworkID id = next(firstReader).getSubscribed().getFrameworkId();

        FrameworkInfo again =
                TestScheduler.frameworkInfo(60).toBuilder().setId(id).build();
        HttpResponse<InputStream> second = http.subscribe(endpoint, subscribe(again), "application/json", Map.of());
        assertThat(second.headers().firstValue("Mesos-Stream-Id"))
                .isNotEqualTo(first.headers().firstValue("Mesos-Stream-Id"));
        try (InputStream body = second.body()) {
            Event resubscribed = next(new RecordIO.Reader(body));
            assertThat(resubscribed.getSubscribed().getFrameworkId()).isEqualTo(id);

            Event e;
            do {
                e = next(firstReader);
            } while (e.getType() == Event.Type.HEARTBEAT || e.getType() == Event.Type.OFFERS);
            assertThat(e.getType()).isEqualTo(Event.Type.ERROR);
            assertThat(e.getError().getMessage()).isEqualTo("Framework failed over");
            assertThat(firstReader.next()).isEmpty();
            // the old stream id is no longer valid
            assertThat(http.call(
                                    endpoint,
                                    revive(id),
                                    Map.of(
                                            "Mesos-Stream-Id",
                                            first.headers()
                                                    .firstValue("Mesos-Stream-Id")
                                                    .orElseThrow()))
                            .statusCode())
                    .isEqualTo(400);
        }
    }

    @Test
    void aFrameworkThatDoesNotComeBackWithinItsFailoverTimeoutIsTornDown() throws Exception {
        HttpResponse<InputStream> response =
                http.subscribe(endpoint, subscribe(TestScheduler.frameworkInfo(1)), null, Map.of());
        FrameworkID id =
                next(new RecordIO.Reader(response.body())).getSubscribed().getFrameworkId();
        response.body().close();

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(
                                mesos.masterState().get("completed_frameworks").toString())
                        .contains(id.getValue()));
        assertThat(mesos.masterState().get("frameworks")).isEmpty();

        FrameworkInfo again =
                TestScheduler.frameworkInfo(1).toBuilder().setId(id).build();
        try (InputStream body =
                http.subscribe(endpoint, subscribe(again), null, Map.of()).body()) {
            Event e = next(new RecordIO.Reader(body));
            assertThat(e.getType()).isEqualTo(Event.Type.ERROR);
            assertThat(e.getError().getMessage()).contains("removed");
        }
    }

    @Test
    void aProtobufOnlyClientGetsAProtobufStream() throws Exception {
        HttpResponse<InputStream> response =
                http.subscribe(endpoint, subscribe(TestScheduler.frameworkInfo(0)), "application/x-protobuf", Map.of());
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-protobuf");
        try (InputStream body = response.body()) {
            Event e = Event.parseFrom(new RecordIO.Reader(body).next().orElseThrow());
            assertThat(e.getType()).isEqualTo(Event.Type.SUBSCRIBED);
        }
        assertThat(http.subscribe(endpoint, subscribe(TestScheduler.frameworkInfo(0)), "text/html", Map.of())
                        .statusCode())
                .isEqualTo(406);
    }
}
