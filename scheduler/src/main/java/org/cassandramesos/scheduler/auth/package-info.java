/**
 * Verification of API credentials. {@link org.cassandramesos.scheduler.auth.DcosJwtVerifier} checks DC/OS tokens
 * ({@code AUTH_MODE=dcos-jwt}) against the JWKS at {@code DCOS_JWKS_URL}, cached by
 * {@link org.cassandramesos.scheduler.auth.JwksKeySource}; {@link org.cassandramesos.scheduler.auth.DcosJwtPolicy}
 * ({@code DCOS_ALLOWED_UIDS}, {@code DCOS_SUPERUSER_UID}, {@code DCOS_JWT_ISSUER}) says whom it lets in: nobody unless
 * configured.
 * A request filter uses it as:
 *
 * <pre>{@code
 * DcosJwtVerifier verifier = new DcosJwtVerifier(
 *     new JwksKeySource(JwksSettings.defaults(new URL(env.get("DCOS_JWKS_URL")), false)),
 *     DcosJwtPolicy.of(env.get("DCOS_ALLOWED_UIDS"), env.get("DCOS_SUPERUSER_UID"), env.get("DCOS_JWT_ISSUER")));
 * Optional<String> token = org.cassandramesos.protocol.AuthorizationHeader.credentials(request.getHeaderString("Authorization"));
 * VerificationResult result = token.map(verifier::verify).orElse(...); // 401 unless Verified
 * }</pre>
 *
 * Rejection details are for the scheduler's log; they never contain the token.
 */
package org.cassandramesos.scheduler.auth;
