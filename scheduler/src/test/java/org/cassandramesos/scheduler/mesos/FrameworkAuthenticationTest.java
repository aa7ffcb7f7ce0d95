package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.test.TestingServer;
import org.cassandramesos.local.AgentSpec;
import org.cassandramesos.local.LocalMesos;
import org.cassandramesos.local.LocalMesosConfig;
import org.cassandramesos.local.iam.IamProfile;
import org.cassandramesos.local.iam.LocalIam;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.frameworkauth.FrameworkAuthentication;
import org.cassandramesos.tls.Pem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our scheduler against masters that require framework authentication, over real HTTP: a master with Basic
 * credentials ({@code --authenticate_http_frameworks --http_framework_authenticators=basic}) and the DC/OS strict
 * profile, whose IAM logs the service account in over https and whose master accepts only the IAM's tokens.
 */
class FrameworkAuthenticationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "framework-secret-" + java.util.UUID.randomUUID();
    /** The DC/OS profile's token lifetime: short, so that renewals happen within the test. */
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(8);

    @TempDir
    static Path workDir;

    static TestingServer zookeeper;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        if (zookeeper != null) zookeeper.close();
    }

    private static LocalMesosConfig.Builder cluster(Path dir) {
        return LocalMesosConfig.builder(dir)
                .agents(1, AgentSpec.of(2, 4096, 8192).withPorts(31000, 31099))
                .heartbeatInterval(Duration.ofSeconds(1))
                .allocationInterval(Duration.ofMillis(200));
    }

    private static ServiceConfig service(String name) {
        return MesosTestSupport.service(name, zookeeper.getConnectString(), 1, 1);
    }

    private static boolean frameworkRegistered(LocalMesos mesos, String name) {
        for (var framework : mesos.masterState().path("frameworks")) {
            if (framework.path("name").asText().equals(name)
                    && framework.path("active").asBoolean()) return true;
        }
        return false;
    }

    @Test
    void withoutCredentialsTheSchedulerIsRefusedAndWithTheBasicSecretItSubscribes() throws Exception {
        ServiceConfig config = service("basic");
        try (LocalMesos mesos = LocalMesos.start(cluster(workDir.resolve("basic"))
                .frameworkCredentials(Map.of(config.principal(), SECRET))
                .build())) {
            try (InProcessScheduler anonymous = InProcessScheduler.start(config, mesos.masterUri())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> mesos.unauthenticatedSchedulerRequests() >= 2);
                assertThat(anonymous.isSubscribed()).isFalse();
                assertThat(frameworkRegistered(mesos, "basic")).isFalse();
            }
            FrameworkAuthentication basic =
                    FrameworkAuthentication.fromSettings(config.principal(), SECRET, "", Optional.empty());
            assertThat(basic.toString()).doesNotContain(SECRET);
            long refusedBefore = mesos.unauthenticatedSchedulerRequests();
            try (InProcessScheduler scheduler = InProcessScheduler.start(config, mesos.masterUri(), basic)) {
                await().atMost(Duration.ofSeconds(30)).until(scheduler::isSubscribed);
                assertThat(frameworkRegistered(mesos, "basic")).isTrue();
                // and it works as a framework: the node's resources are reserved and its task launched
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> scheduler.task("node-0").isPresent());
            }
            assertThat(mesos.unauthenticatedSchedulerRequests()).isEqualTo(refusedBefore);
            assertThat(mesos.masterState().toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void aServiceAccountLogsInSubscribesAndRenewsItsTokenBeforeItExpires() throws Exception {
        ServiceConfig config = service("dcos");
        RSAKey key = new RSAKeyGenerator(2048).generate();
        try (LocalMesos mesos = LocalMesos.start(cluster(workDir.resolve("dcos"))
                .dcosIam(new IamProfile(Map.of(config.principal(), key.toRSAPublicKey()), TOKEN_LIFETIME))
                .build())) {
            LocalIam iam = mesos.iam().orElseThrow();
            FrameworkAuthentication account = FrameworkAuthentication.fromSettings(
                    config.principal(), "", credential(config.principal(), key, iam), Optional.of(caBundle(iam)));
            assertThat(account.toString()).doesNotContain("PRIVATE KEY");

            try (InProcessScheduler scheduler = InProcessScheduler.start(config, mesos.masterUri(), account)) {
                await().atMost(Duration.ofSeconds(30)).until(scheduler::isSubscribed);
                String first = account.authorization().orElseThrow();
                assertThat(first).startsWith("token=");
                int loginsAtSubscribe = iam.logins();

                // once the first token has expired, the scheduler holds a newer one, got before that happened ...
                await().atMost(TOKEN_LIFETIME.multipliedBy(3))
                        .until(() -> iam.verify(first.substring(6)).isEmpty());
                assertThat(iam.logins()).isGreaterThan(loginsAtSubscribe);
                String current = account.authorization().orElseThrow();
                assertThat(current).isNotEqualTo(first);
                assertThat(iam.verify(current.substring(6))).contains(config.principal());

                // ... which a new master (every call from now on, SUBSCRIBE first) accepts without a single 401
                mesos.restartMaster();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> frameworkRegistered(mesos, "dcos") && scheduler.isSubscribed());
                assertThat(mesos.unauthenticatedSchedulerRequests()).isZero();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> scheduler.task("node-0").isPresent());
            }
        }
    }

    @Test
    void aServiceAccountWithTheWrongKeyIsRefusedAtLoginAndNeverSubscribes() throws Exception {
        ServiceConfig config = service("wrong-key");
        RSAKey registered = new RSAKeyGenerator(2048).generate();
        RSAKey wrong = new RSAKeyGenerator(2048).generate();
        try (LocalMesos mesos = LocalMesos.start(cluster(workDir.resolve("wrong-key"))
                .dcosIam(new IamProfile(Map.of(config.principal(), registered.toRSAPublicKey()), TOKEN_LIFETIME))
                .build())) {
            LocalIam iam = mesos.iam().orElseThrow();
            FrameworkAuthentication account = FrameworkAuthentication.fromSettings(
                    config.principal(), "", credential(config.principal(), wrong, iam), Optional.of(caBundle(iam)));

            try (InProcessScheduler scheduler = InProcessScheduler.start(config, mesos.masterUri(), account)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> iam.refusedLogins() >= 2 && mesos.unauthenticatedSchedulerRequests() >= 1);
                assertThat(iam.logins()).isZero();
                assertThat(account.authorization()).isEmpty();
                assertThat(scheduler.isSubscribed()).isFalse();
                assertThat(frameworkRegistered(mesos, "wrong-key")).isFalse();
            }
        }
    }

    /** The JSON DC/OS keeps in a service-account secret, on one line as {@code dcos security secrets create-sa-secret} writes it. */
    static String credential(String uid, RSAKey key, LocalIam iam) throws Exception {
        return JSON.writeValueAsString(Map.of(
                "scheme",
                "RS256",
                "uid",
                uid,
                "private_key",
                Pem.encode(key.toRSAPrivateKey()),
                "login_endpoint",
                iam.loginEndpoint().toString()));
    }

    /** The cluster CA as DC/OS puts it in a sandbox ({@code .ssl/ca-bundle.crt}), the {@code DCOS_JWKS_CA_PATH}. */
    static Path caBundle(LocalIam iam) throws Exception {
        Path file = Files.createTempFile(workDir, "ca-bundle", ".crt");
        Files.writeString(file, iam.caCertificatePem());
        return file;
    }
}
