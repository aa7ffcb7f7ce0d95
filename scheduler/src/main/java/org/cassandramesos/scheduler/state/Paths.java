package org.cassandramesos.scheduler.state;

/** Path checks shared by the persisters, so both reject the same mistakes. */
final class Paths {
    private Paths() {}

    static String check(String path) {
        if (path == null || !path.startsWith("/") || (path.length() > 1 && path.endsWith("/")) || path.contains("//")) {
            throw new IllegalArgumentException("not an absolute path: '" + path + "'");
        }
        return path;
    }

    static String parent(String path) {
        int at = path.lastIndexOf('/');
        return at <= 0 ? "/" : path.substring(0, at);
    }
}
