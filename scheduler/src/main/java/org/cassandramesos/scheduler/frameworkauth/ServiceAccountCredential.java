package org.cassandramesos.scheduler.frameworkauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;
import org.cassandramesos.tls.Pem;

/**
 * A DC/OS service account's credential, as DC/OS keeps it in a secret ({@code dcos security secrets
 * create-sa-secret}) and Marathon hands it over in {@code DCOS_SERVICE_ACCOUNT_CREDENTIAL}:
 * {@code {"scheme": "RS256", "uid": "...", "private_key": "-----BEGIN PRIVATE KEY-----...", "login_endpoint":
 * "https://leader.mesos/acs/api/v1/auth/login"}}. The key is a secret: never printed, and parse errors never quote
 * the text.
 */
public record ServiceAccountCredential(String uid, RSAPrivateKey privateKey, URI loginEndpoint) {
    public static final URI DEFAULT_LOGIN_ENDPOINT = URI.create("https://leader.mesos/acs/api/v1/auth/login");
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    public ServiceAccountCredential {
        Objects.requireNonNull(privateKey, "privateKey");
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("DCOS_SERVICE_ACCOUNT_CREDENTIAL has no uid");
        }
        if (!"https".equalsIgnoreCase(loginEndpoint.getScheme()) || loginEndpoint.getHost() == null) {
            // the login JWT would be readable (and replayable until it expires) on the way
            throw new IllegalArgumentException(
                    "DCOS_SERVICE_ACCOUNT_CREDENTIAL's login_endpoint must be an https URL, not " + loginEndpoint);
        }
    }

    public static ServiceAccountCredential parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("DCOS_SERVICE_ACCOUNT_CREDENTIAL is not JSON (line "
                    + e.getLocation().getLineNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("DCOS_SERVICE_ACCOUNT_CREDENTIAL is not a JSON object");
        }
        String scheme = node.path("scheme").asText("RS256");
        if (!scheme.equals("RS256")) {
            throw new IllegalArgumentException("DCOS_SERVICE_ACCOUNT_CREDENTIAL's scheme is '" + scheme
                    + "'; only RS256 " + "service accounts can log in");
        }
        if (!node.path("private_key").isTextual()) {
            throw new IllegalArgumentException("DCOS_SERVICE_ACCOUNT_CREDENTIAL has no private_key");
        }
        PrivateKey key;
        try {
            key = Pem.privateKey(node.path("private_key").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "DCOS_SERVICE_ACCOUNT_CREDENTIAL's private_key is not a PEM private key");
        }
        if (!(key instanceof RSAPrivateKey rsa)) {
            throw new IllegalArgumentException(
                    "DCOS_SERVICE_ACCOUNT_CREDENTIAL's private_key is not an RSA key (RS256)");
        }
        URI endpoint = node.hasNonNull("login_endpoint")
                ? URI.create(node.path("login_endpoint").asText())
                : DEFAULT_LOGIN_ENDPOINT;
        return new ServiceAccountCredential(node.path("uid").asText(null), rsa, endpoint);
    }

    @Override
    public String toString() {
        return "ServiceAccountCredential[uid=" + uid + ", login_endpoint=" + loginEndpoint
                + ", private_key=<redacted>]";
    }
}
