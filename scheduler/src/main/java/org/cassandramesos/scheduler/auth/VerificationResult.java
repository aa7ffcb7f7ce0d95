package org.cassandramesos.scheduler.auth;

/** The outcome of verifying a DC/OS token: the caller's uid, or why the token is refused. */
public sealed interface VerificationResult {

    /** A valid token of an allowed caller. */
    record Verified(String uid) implements VerificationResult {}

    /** A refused token; {@code detail} is for logs and never contains the token. */
    record Rejected(Reason reason, String detail) implements VerificationResult {}

    enum Reason {
        MALFORMED,
        UNSUPPORTED_ALGORITHM,
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        MISSING_CLAIM,
        WRONG_ISSUER,
        UID_NOT_ALLOWED,
        KEYS_UNAVAILABLE
    }

    default boolean verified() {
        return this instanceof Verified;
    }
}
