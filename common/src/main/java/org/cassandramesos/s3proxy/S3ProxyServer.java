package org.cassandramesos.s3proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.cassandramesos.process.ProcessTree;

/**
 * S3Proxy on a filesystem store, in its own process: the S3-compatible endpoint backups go to in local mode and in
 * the tests. Its credential exists only in this process's memory and, for the moment S3Proxy reads it, in an
 * owner-only file that is deleted once S3Proxy is up. {@link #close()} stops the process tree
 * ({@link ProcessTree#stop}).
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "local-access-key";
    /** System property (set by the build for tests) naming the directory with S3Proxy's jars. */
    public static final String LIB_PROPERTY = "s3proxy.lib";

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final Path lib;
    private final Path dir;
    private final Path log;
    private final URI endpoint;
    private final String secretKey;

    private S3ProxyServer(Process process, Path lib, Path dir, Path log, URI endpoint, String secretKey) {
        this.process = process;
        this.lib = lib;
        this.dir = dir;
        this.log = log;
        this.endpoint = endpoint;
        this.secretKey = secretKey;
    }

    /** Starts S3Proxy from the jars the build put in {@code -Ds3proxy.lib} (or this checkout's s3proxy-dist). */
    public static S3ProxyServer startForTests(Path dir, String secretKey) throws IOException, InterruptedException {
        return start(buildLib(), dir, secretKey, Duration.ofSeconds(60));
    }

    /** The jars {@code s3proxy-dist} copied: {@code -Ds3proxy.lib}, else found from the working directory upwards. */
    public static Path buildLib() {
        String configured = System.getProperty(LIB_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path lib = dir.resolve("s3proxy-dist/target/dist/lib");
            if (Files.isDirectory(lib)) {
                return lib;
            }
        }
        throw new IllegalStateException("S3Proxy's jars not found: build s3proxy-dist or set -D" + LIB_PROPERTY);
    }

    public static S3ProxyServer start(Path lib, Path dir, String secretKey, Duration timeout)
            throws IOException, InterruptedException {
        return start(lib, dir, secretKey, timeout, URI.create("http://127.0.0.1:" + freePort()));
    }

    /**
     * A new S3Proxy on this one's store, endpoint and credential, once this one has stopped: the same store coming
     * back after an outage (tests of what a backup does meanwhile).
     */
    public S3ProxyServer startAgain(Duration timeout) throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("S3Proxy on " + endpoint + " still runs (pid " + process.pid() + ")");
        }
        return start(lib, dir, secretKey, timeout, endpoint);
    }

    private static S3ProxyServer start(Path lib, Path dir, String secretKey, Duration timeout, URI endpoint)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path store = Files.createDirectories(dir.resolve("store"));
        Path logback = dir.resolve("logback.xml");
        // S3Proxy logs every request at DEBUG by default
        Files.writeString(logback, """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level %logger{20} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="out"/></root>
                </configuration>
                """);
        Path properties = dir.resolve("s3proxy.properties");
        Files.deleteIfExists(properties);
        Files.createFile(
                properties, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "s3proxy.endpoint=" + endpoint,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + secretKey,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + store.toAbsolutePath(),
                        ""));
        Path log = dir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(
                        javaBinary(),
                        "-Xmx256m",
                        "-Dlogback.configurationFile=" + logback.toAbsolutePath(),
                        "-cp",
                        lib.toAbsolutePath() + "/*",
                        "org.gaul.s3proxy.Main",
                        "--properties",
                        properties.toAbsolutePath().toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        S3ProxyServer server = new S3ProxyServer(process, lib, dir, log, endpoint, secretKey);
        try {
            server.awaitListening(timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        } finally {
            Files.deleteIfExists(properties);
        }
        return server;
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited during start-up; see " + log);
            }
            try {
                http.send(
                        HttpRequest.newBuilder(endpoint)
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return; // any HTTP answer (403 without credentials) means it serves
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("S3Proxy did not answer on " + endpoint + " within " + timeout + "; see " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        String home = System.getProperty("java.home");
        return home == null ? "java" : Path.of(home, "bin", "java").toString();
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return secretKey;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process at once (SIGKILL), as a crashed or unplugged store: connections under way are cut. */
    public void kill() throws InterruptedException {
        ProcessTree.kill(process.toHandle());
        process.waitFor();
    }

    @Override
    public void close() {
        ProcessTree.stop(process.toHandle(), STOP_GRACE);
    }
}
