package org.cassandramesos.local.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.mesos.v1.Protos.CommandInfo;

/**
 * The Mesos fetcher: brings each CommandInfo URI into the sandbox (local path, file://, http(s)://),
 * marks it executable or extracts it (.tar.gz/.tgz/.tar/.zip) as the URI asks. Public: tests fetch a Marathon app's
 * {@code fetch} URIs with it, as Mesos does for the app's task.
 */
public final class Fetcher {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Fetcher() {}

    public static void fetch(CommandInfo.URI uri, Path sandbox) throws IOException {
        String value = uri.getValue();
        String name = uri.hasOutputFile() ? uri.getOutputFile() : fileName(value);
        Path target = sandbox.resolve(name).normalize();
        if (!target.startsWith(sandbox)) throw new IOException("output_file escapes the sandbox: " + name);
        Files.createDirectories(target.getParent());
        if (value.startsWith("http://") || value.startsWith("https://")) {
            download(value, target);
        } else {
            Path source = value.startsWith("file://") ? Path.of(URI.create(value)) : Path.of(value);
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (uri.getExecutable()) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else if (!uri.hasExtract() || uri.getExtract()) {
            extract(target, sandbox);
        }
    }

    private static String fileName(String value) {
        String path = value.replaceFirst("[?#].*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty()) throw new IllegalArgumentException("URI has no file name: " + value);
        return name;
    }

    private static void download(String url, Path target) throws IOException {
        try {
            HttpResponse<Path> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofMinutes(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(target);
                throw new IOException("fetching " + url + " answered HTTP " + response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching " + url, e);
        }
    }

    private static void extract(Path archive, Path into) throws IOException {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz")
                || name.endsWith(".tgz")
                || name.endsWith(".tar")
                || name.endsWith(".tar.bz2")
                || name.endsWith(".tar.xz")
                || name.endsWith(".txz")) {
            // like the Mesos fetcher: tar keeps modes and symlinks of distributions (e.g. bin/ scripts)
            Process tar = new ProcessBuilder("tar", "-C", into.toString(), "-xf", archive.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(tar.getInputStream().readAllBytes());
            try {
                if (tar.waitFor() != 0) throw new IOException("extracting " + archive + " failed: " + output);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted extracting " + archive, e);
            }
        } else if (name.endsWith(".zip")) {
            unzip(archive, into);
        }
    }

    private static void unzip(Path archive, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(archive);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Path out = into.resolve(e.getName()).normalize();
                if (!out.startsWith(into)) throw new IOException("zip entry escapes the sandbox: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
