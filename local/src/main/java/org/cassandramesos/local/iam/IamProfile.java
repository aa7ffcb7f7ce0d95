package org.cassandramesos.local.iam;

import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Map;

/**
 * The DC/OS strict-mode profile of the local Mesos: an IAM that knows these service accounts (uid → the public half
 * of the key pair whose private half the service holds) and issues authentication tokens valid for
 * {@code tokenLifetime} (DC/OS: 5 days by default; tests shorten it); the master then accepts only those tokens.
 */
public record IamProfile(Map<String, RSAPublicKey> serviceAccounts, Duration tokenLifetime) {
    public IamProfile {
        serviceAccounts = Map.copyOf(serviceAccounts);
        if (serviceAccounts.isEmpty()) {
            throw new IllegalArgumentException("the DC/OS profile needs at least one service account");
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive, got " + tokenLifetime);
        }
    }

    @Override
    public String toString() {
        return "IamProfile[service accounts=" + serviceAccounts.keySet() + ", token lifetime=" + tokenLifetime + "]";
    }
}
