package org.cassandramesos.backup;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where backups live: {@code s3://bucket/prefix} (AWS) or an S3-compatible {@code http(s)://host:port/bucket/prefix}
 * (path-style access). The prefix may be empty.
 *
 * @param endpoint the S3-compatible endpoint, empty for AWS S3
 */
public record BackupLocation(Optional<URI> endpoint, String bucket, String prefix) {
    /** A user-info part ({@code scheme://user:password@host}) in the authority. */
    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile("^[^:/?#]*://[^/?#]*@");

    public BackupLocation {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        prefix = trimSlashes(prefix == null ? "" : prefix);
    }

    /** @throws IllegalArgumentException with a message an operator can act on */
    public static BackupLocation parse(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException(
                    "external_location is required (s3://bucket/prefix or http(s)://host:port/bucket/prefix)");
        }
        if (USER_INFO.matcher(location.trim()).find()) {
            // never echoed: it would put the password into answers and logs
            throw new IllegalArgumentException("external_location must not hold credentials (user:password@host);"
                    + " give s3_access_key and s3_secret_key, or configure the scheduler's keys for the location");
        }
        URI uri;
        try {
            uri = URI.create(location.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("external_location '" + location + "' is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        switch (scheme) {
            case "s3" -> {
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    throw new IllegalArgumentException("external_location '" + location + "' names no bucket");
                }
                return new BackupLocation(Optional.empty(), uri.getHost(), uri.getPath());
            }
            case "http", "https" -> {
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("external_location '" + location + "' names no host");
                }
                String path = trimSlashes(uri.getPath() == null ? "" : uri.getPath());
                if (path.isEmpty()) {
                    throw new IllegalArgumentException(
                            "external_location '" + location + "' names no bucket (http(s)://host:port/bucket/prefix)");
                }
                int slash = path.indexOf('/');
                String bucket = slash < 0 ? path : path.substring(0, slash);
                String prefix = slash < 0 ? "" : path.substring(slash + 1);
                URI endpoint = URI.create(scheme + "://" + uri.getRawAuthority());
                return new BackupLocation(Optional.of(endpoint), bucket, prefix);
            }
            default ->
                throw new IllegalArgumentException(
                        "external_location '" + location + "' must start with s3://, http:// or https://");
        }
    }

    /** The key of {@code relative} under this location's prefix. */
    public String key(String relative) {
        String rel = trimSlashes(relative);
        return prefix.isEmpty() ? rel : prefix + "/" + rel;
    }

    @Override
    public String toString() {
        return endpoint.map(e -> e + "/" + bucket).orElse("s3://" + bucket) + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
