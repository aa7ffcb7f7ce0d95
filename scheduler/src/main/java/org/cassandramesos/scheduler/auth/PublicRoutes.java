package org.cassandramesos.scheduler.auth;

import java.util.Set;

/**
 * The only requests the API answers without credentials: {@code GET}/{@code HEAD} of the documentation page and of
 * Marathon's readiness probe, each on its exact canonical path. The decision is on the raw request path, as sent:
 * a variant with {@code ;} parameters, percent-encodings, dot segments, {@code //}, other case or a trailing slash is
 * not public, whatever the router would make of it.
 */
public final class PublicRoutes {
    /** Paths relative to the API's base, raw (still percent-encoded). */
    static final Set<String> PATHS = Set.of("docs", "ready");

    private static final Set<String> METHODS = Set.of("GET", "HEAD");

    private PublicRoutes() {}

    /**
     * @param method  the request method
     * @param rawPath the raw path of the request URI ({@code URI.getRawPath()})
     * @param rawBase the raw path of the API's base URI (normally {@code /})
     */
    public static boolean isPublic(String method, String rawPath, String rawBase) {
        if (method == null || rawPath == null || rawBase == null || !METHODS.contains(method)) {
            return false;
        }
        String base = rawBase.endsWith("/") ? rawBase : rawBase + "/";
        return rawPath.startsWith(base) && PATHS.contains(rawPath.substring(base.length()));
    }
}
