package org.cassandramesos.scheduler.frameworkauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * The DC/OS service-account login (DC/OS docs, "Authentication flow": {@code mesosphere/dcos-docs-site}
 * {@code pages/docs/1.8/overview/design/auth-flow/index.md}): sign {@code {"uid": uid, "exp": now + 5 min}} with the
 * account's private key (RS256), {@code POST {"uid": uid, "token": <that>}} to the login endpoint, and get
 * {@code {"token": <authentication token>}}.
 */
public final class ServiceLogin {
    /** The login JWT's validity: dcos-commons' authenticatee uses 5 minutes ({@code jwt_exp_timeout}). */
    static final Duration LOGIN_TOKEN_VALIDITY = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The IAM answered, but not with a token (bad key, unknown uid, ...). */
    public static final class LoginRefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        LoginRefusedException(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public ServiceLogin(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** The signed login JWT for {@code credential} at {@code now}. */
    public static String loginToken(ServiceAccountCredential credential, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("uid", credential.uid())
                .expirationTime(Date.from(now.plus(LOGIN_TOKEN_VALIDITY)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(credential.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the service login token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** Logs in; the IAM's token, or why not. */
    public AcsToken login(ServiceAccountCredential credential, Instant now) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("uid", credential.uid(), "token", loginToken(credential, now)));
        HttpRequest request = HttpRequest.newBuilder(credential.loginEndpoint())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while logging in at " + credential.loginEndpoint(), e);
        }
        if (response.statusCode() != 200) {
            throw new LoginRefusedException("the IAM at " + credential.loginEndpoint() + " refused the login of '"
                    + credential.uid() + "': HTTP " + response.statusCode() + " " + describe(response.body()));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null
                || !answer.path("token").isTextual()
                || answer.path("token").asText().isEmpty()) {
            throw new LoginRefusedException(
                    "the IAM at " + credential.loginEndpoint() + " answered 200 without a token");
        }
        return AcsToken.parse(answer.path("token").asText());
    }

    /** The IAM's error description ({@code {"title", "description", "code"}}), short. */
    private static String describe(String body) {
        String text;
        try {
            JsonNode error = JSON.readTree(body);
            text = error.path("description").asText(error.path("title").asText(""));
        } catch (IOException | RuntimeException e) {
            text = "";
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
