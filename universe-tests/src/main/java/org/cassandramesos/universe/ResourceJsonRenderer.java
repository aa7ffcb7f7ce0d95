package org.cassandramesos.universe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills resource.json's build placeholders (the dcos-commons convention): {@code {{artifact-dir}}} becomes where
 * the artifacts are served from, {@code {{sha256:<artifact>}}} the digest of that built file. Artifacts that do
 * not exist in this build keep their placeholder and are reported as missing.
 */
public final class ResourceJsonRenderer {
    private static final Pattern SHA256 = Pattern.compile("\\{\\{sha256:([^}]+)}}");
    private static final Pattern ARTIFACT_URL = Pattern.compile("\\{\\{artifact-dir}}/([^\"]+)");

    public record Rendered(String json, Set<String> missingArtifacts) {}

    private ResourceJsonRenderer() {}

    /** @param artifacts artifact name (file name under artifact-dir) to the built file */
    public static Rendered render(String template, String artifactDirUrl, Map<String, Path> artifacts) {
        Set<String> missing = new TreeSet<>();
        Matcher urls = ARTIFACT_URL.matcher(template);
        while (urls.find()) {
            if (!exists(artifacts.get(urls.group(1)))) {
                missing.add(urls.group(1));
            }
        }
        StringBuilder out = new StringBuilder();
        Matcher digests = SHA256.matcher(template);
        while (digests.find()) {
            Path file = artifacts.get(digests.group(1));
            String replacement = digests.group();
            if (exists(file)) {
                replacement = sha256(file);
            } else {
                missing.add(digests.group(1));
            }
            digests.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        digests.appendTail(out);
        String json = out.toString().replace("{{artifact-dir}}", stripTrailingSlash(artifactDirUrl));
        return new Rendered(json, missing);
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean exists(Path file) {
        return file != null && Files.isRegularFile(file);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
