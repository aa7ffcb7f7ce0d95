package org.cassandramesos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.local.support.Clusters;
import org.cassandramesos.local.support.RawMesosHttp;
import org.cassandramesos.local.support.TestScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Framework HTTP Basic authentication (reference §5). */
class AuthenticationTest {
    @TempDir
    Path workDir;

    LocalMesos mesos;
    final RawMesosHttp http = new RawMesosHttp();

    @BeforeEach
    void start() throws Exception {
        mesos = LocalMesos.start(Clusters.config(workDir, 1)
                .frameworkCredentials(Map.of(TestScheduler.PRINCIPAL, "s3cret", "other", "x"))
                .build());
    }

    @AfterEach
    void stop() {
        if (mesos != null) mesos.close();
    }

    static String basic(String principal, String secret) {
        return "Basic "
                + Base64.getEncoder().encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static Call subscribe() {
        return Call.newBuilder()
                .setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(TestScheduler.frameworkInfo(0)))
                .build();
    }

    @Test
    void callsWithoutValidCredentialsAreRefusedAndThePrincipalMustMatch() throws Exception {
        var endpoint = mesos.schedulerEndpoint();
        assertThat(http.call(endpoint, subscribe(), Map.of()).statusCode()).isEqualTo(401);
        assertThat(http.call(endpoint, subscribe(), Map.of("Authorization", basic(TestScheduler.PRINCIPAL, "wrong")))
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.call(endpoint, subscribe(), Map.of("Authorization", basic("other", "x")))
                        .statusCode())
                .isEqualTo(400);
        assertThat(Clusters.config(workDir, 1)
                        .frameworkCredentials(Map.of("p", "s3cret"))
                        .build()
                        .toString())
                .contains("p")
                .doesNotContain("s3cret");
    }

    @Test
    void aSchedulerWithCredentialsSubscribesAndGetsOffers() {
        try (TestScheduler scheduler = new TestScheduler(
                        mesos.masterUri(), 0, Optional.of(basic(TestScheduler.PRINCIPAL, "s3cret")))
                .start()) {
            scheduler.awaitSubscribed(0);
            scheduler.awaitOffer(0);
        }
    }
}
