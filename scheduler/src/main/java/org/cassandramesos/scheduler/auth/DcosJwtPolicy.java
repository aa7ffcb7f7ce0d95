package org.cassandramesos.scheduler.auth;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whom a verified DC/OS token lets in, and which issuer it must name. Deny by default: only the uids of
 * {@code DCOS_ALLOWED_UIDS} and the {@code DCOS_SUPERUSER_UID}; with neither configured, nobody.
 *
 * @param allowedUids    uids allowed to call (DCOS_ALLOWED_UIDS)
 * @param superuserUid   one more uid allowed to call (DCOS_SUPERUSER_UID), e.g. the cluster's bootstrap user
 * @param expectedIssuer the {@code iss} a token must carry (DCOS_JWT_ISSUER); empty: DC/OS authentication tokens
 *     carry only {@code uid} and {@code exp}, so a token naming any issuer is not one of them and is refused
 */
public record DcosJwtPolicy(Set<String> allowedUids, Optional<String> superuserUid, Optional<String> expectedIssuer) {

    public DcosJwtPolicy {
        allowedUids = Set.copyOf(allowedUids);
        superuserUid = superuserUid.map(String::strip).filter(uid -> !uid.isEmpty());
        expectedIssuer = expectedIssuer.map(String::strip).filter(issuer -> !issuer.isEmpty());
    }

    /** From the settings' text: comma-separated uids (blanks ignored), a uid or blank, an issuer or blank. */
    public static DcosJwtPolicy of(String allowedUids, String superuserUid, String expectedIssuer) {
        return new DcosJwtPolicy(
                parseUids(allowedUids), Optional.ofNullable(superuserUid), Optional.ofNullable(expectedIssuer));
    }

    static Set<String> parseUids(String commaSeparated) {
        if (commaSeparated == null) {
            return Set.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(uid -> !uid.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(String uid) {
        return allowedUids.contains(uid) || superuserUid.filter(uid::equals).isPresent();
    }

    /** Whether no token at all can get in (nothing configured). */
    public boolean refusesEveryone() {
        return allowedUids.isEmpty() && superuserUid.isEmpty();
    }

    /** Whether a token's {@code iss} (null when it has none) is the expected one. */
    public boolean issuedBy(String issuer) {
        return expectedIssuer.equals(Optional.ofNullable(issuer));
    }
}
