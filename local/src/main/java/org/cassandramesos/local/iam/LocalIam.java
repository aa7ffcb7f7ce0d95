package org.cassandramesos.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.cassandramesos.local.http.Exchanges;
import org.cassandramesos.tls.CertificateAuthority;
import org.cassandramesos.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DC/OS Enterprise IAM reduced to the service-account login, served over https with a throwaway cluster CA.
 *
 * <p>The flow it implements (DC/OS docs, "Authentication flow" — {@code mesosphere/dcos-docs-site}
 * {@code pages/docs/1.8/overview/design/auth-flow/index.md} — and "Provisioning a custom service with a service
 * account"): a service signs a short-lived RS256 JWT {@code {"uid": <uid>, "exp": …}} with its service account's
 * private key and {@code POST}s {@code {"uid": <uid>, "token": <that JWT>}} to {@code /acs/api/v1/auth/login}; the
 * IAM checks it against the account's public key and answers {@code {"token": <authentication token>}}, an RS256
 * JWT of its own carrying {@code uid} and {@code exp}. Components (the Mesos master here) accept
 * {@code Authorization: token=<authentication token>} until it expires; the service logs in again before that.
 */
public final class LocalIam implements AutoCloseable {
    public static final String LOGIN_PATH = "/acs/api/v1/auth/login";
    private static final Logger LOG = LoggerFactory.getLogger(LocalIam.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final IamProfile profile;
    private final Clock clock;
    private final RSAKey signingKey;
    private final CertificateAuthority ca;
    private final HttpsServer server;
    private final ExecutorService threads;
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger refusedLogins = new AtomicInteger();

    private LocalIam(IamProfile profile, Clock clock, String ip) throws IOException {
        this.profile = profile;
        this.clock = clock;
        try {
            this.signingKey = new RSAKeyGenerator(2048).keyID("local-iam").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the IAM's signing key", e);
        }
        this.ca = CertificateAuthority.create("local-mesos-cluster-ca", Duration.ofDays(2));
        TlsMaterial tls = ca.issue("leader.mesos", List.of(ip, "leader.mesos"), Duration.ofDays(1));
        this.server = HttpsServer.create(new InetSocketAddress(ip, 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()));
        server.createContext(LOGIN_PATH, this::login);
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-iam-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
    }

    public static LocalIam start(IamProfile profile, String ip, Clock clock) throws IOException {
        LocalIam iam = new LocalIam(profile, clock, ip);
        iam.server.start();
        LOG.info("Local IAM at {} ({})", iam.loginEndpoint(), profile);
        return iam;
    }

    /** {@code https://<ip>:<port>/acs/api/v1/auth/login}, the {@code login_endpoint} of a service-account credential. */
    public URI loginEndpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("https://" + address.getHostString() + ":" + address.getPort() + LOGIN_PATH);
    }

    /** The cluster CA certificate (PEM) the login endpoint's certificate chains to (DC/OS: {@code .ssl/ca-bundle.crt}). */
    public String caCertificatePem() {
        return ca.certificatePem();
    }

    /** Authentication tokens issued so far. */
    public int logins() {
        return logins.get();
    }

    /** Login attempts refused (unknown uid, bad signature, expired or malformed login token). */
    public int refusedLogins() {
        return refusedLogins.get();
    }

    /** The uid of an authentication token this IAM issued, if it has not expired. */
    public Optional<String> verify(String token) {
        return LoginTokens.verify(token, publicKey(), clock.instant());
    }

    /** A new authentication token for {@code uid}, valid for the profile's lifetime. */
    String issue(String uid) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("uid", uid)
                .expirationTime(Date.from(now.plus(profile.tokenLifetime())))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    private RSAPublicKey publicKey() {
        try {
            return signingKey.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void login(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                problem(ex, 405, "Method Not Allowed", "POST a service login");
                return;
            }
            JsonNode body;
            try (InputStream in = ex.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY + 1);
                body = bytes.length > MAX_BODY ? null : JSON.readTree(bytes);
            } catch (IOException e) {
                body = null;
            }
            if (body == null
                    || !body.path("uid").isTextual()
                    || !body.path("token").isTextual()) {
                problem(ex, 400, "Bad Request", "expected {\"uid\": \"...\", \"token\": \"...\"}");
                return;
            }
            String uid = body.path("uid").asText();
            Optional<String> proven = LoginTokens.verifyLogin(
                    uid, body.path("token").asText(), profile.serviceAccounts(), clock.instant());
            if (proven.isEmpty()) {
                refusedLogins.incrementAndGet();
                problem(ex, 401, "Unauthorized", "login token invalid for uid " + uid);
                return;
            }
            String token = issue(uid);
            logins.incrementAndGet();
            Exchanges.json(ex, 200, JSON.writeValueAsBytes(Map.of("token", token)));
        }
    }

    private static void problem(HttpExchange ex, int code, String title, String description) throws IOException {
        Exchanges.json(ex, code, JSON.writeValueAsBytes(Map.of("title", title, "description", description)));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** The IAM's own key signs tokens; what is printed of it is its id. */
    @Override
    public String toString() {
        return "LocalIam[" + loginEndpoint() + ", " + profile + "]";
    }
}
