package org.cassandramesos.scheduler.frameworkauth;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.cassandramesos.scheduler.auth.CaBundle;

/**
 * The {@code Authorization} header the scheduler sends on every call to the master (SUBSCRIBE and the calls), with
 * a lifecycle for credentials that must be renewed.
 */
public interface FrameworkAuthentication {
    /** The header value now; read at every request. Empty: none (authentication off, or not logged in yet). */
    Optional<String> authorization();

    /** The master answered 401: a renewable credential renews itself. */
    default void refused() {}

    /** Before the first call. */
    default void start() {}

    default void stop() {}

    /** No credentials: for a master that does not authenticate frameworks. */
    static FrameworkAuthentication none() {
        return new None();
    }

    /** Sends no {@code Authorization}. */
    record None() implements FrameworkAuthentication {
        @Override
        public Optional<String> authorization() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "no credentials (a master that requires framework authentication refuses SUBSCRIBE with 401)";
        }
    }

    /**
     * The scheduler's choice from its settings: {@code MESOS_SECRET} → Basic as {@code principal};
     * {@code DCOS_SERVICE_ACCOUNT_CREDENTIAL} → a service-account login session (its uid must be {@code principal},
     * the master refuses a framework whose principal is not the authenticated one); neither → none. Both is an error.
     *
     * @param caBundle the CA the IAM's https certificate must chain to ({@code DCOS_JWKS_CA_PATH}); empty: the JVM's
     */
    static FrameworkAuthentication fromSettings(
            String principal, String mesosSecret, String serviceAccountCredential, Optional<Path> caBundle) {
        boolean basic = mesosSecret != null && !mesosSecret.isEmpty();
        boolean account = serviceAccountCredential != null && !serviceAccountCredential.isBlank();
        if (basic && account) {
            throw new IllegalArgumentException("MESOS_SECRET and DCOS_SERVICE_ACCOUNT_CREDENTIAL are both set: "
                    + "the scheduler authenticates to Mesos with one of them (Basic, or a DC/OS service account)");
        }
        if (basic) {
            return new BasicCredentials(principal, mesosSecret);
        }
        if (!account) {
            return none();
        }
        ServiceAccountCredential credential = ServiceAccountCredential.parse(serviceAccountCredential);
        if (!credential.uid().equals(principal)) {
            throw new IllegalArgumentException("DCOS_SERVICE_ACCOUNT_CREDENTIAL is for service account '"
                    + credential.uid() + "' but FRAMEWORK_PRINCIPAL is '" + principal + "': the master refuses a "
                    + "framework whose principal is not the account it authenticated; set the principal to the uid");
        }
        SSLContext tls = caBundle.map(CaBundle::sslContext).orElseGet(FrameworkAuthentication::defaultTls);
        HttpClient http = HttpClient.newBuilder()
                .sslContext(tls)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new ServiceAccountSession(
                credential,
                new ServiceLogin(http, Duration.ofSeconds(30)),
                Clock.systemUTC(),
                ServiceAccountSession.Timing.defaults());
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
