package org.cassandramesos.localmode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * S3Proxy on a filesystem store, in its own process: the S3-compatible endpoint backups go to in
 * local mode. Its credential exists only in this process's memory and, for the moment S3Proxy
 * reads it, in an owner-only file that is deleted once S3Proxy is up.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "local-access-key";

    private final ChildProcess process;
    private final URI endpoint;
    private final String secretKey;

    private S3ProxyServer(ChildProcess process, URI endpoint, String secretKey) {
        this.process = process;
        this.endpoint = endpoint;
        this.secretKey = secretKey;
    }

    public static S3ProxyServer start(Path lib, Path dir, String secretKey, Duration timeout) throws IOException, InterruptedException {
        Path store = Files.createDirectories(dir.resolve("store"));
        int port = FreePorts.on("127.0.0.1");
        URI endpoint = URI.create("http://127.0.0.1:" + port);
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
        Files.createFile(properties, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + store.toAbsolutePath(),
                ""));
        ChildProcess process = ChildProcess.start("s3proxy",
                List.of(javaBinary(), "-Xmx256m", "-Dlogback.configurationFile=" + logback.toAbsolutePath(),
                        "-cp", lib.toAbsolutePath() + "/*", "org.gaul.s3proxy.Main", "--properties", properties.toAbsolutePath().toString()),
                Map.of(), dir, dir.resolve("s3proxy.log"), Duration.ofSeconds(10));
        try {
            awaitListening(endpoint, process, timeout);
        } finally {
            Files.deleteIfExists(properties);
        }
        return new S3ProxyServer(process, endpoint, secretKey);
    }

    private static void awaitListening(URI endpoint, ChildProcess process, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                process.close();
                throw new IOException("S3Proxy exited during start-up; see " + process.log());
            }
            try {
                http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                return; // any HTTP answer (403 without credentials) means it serves
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.close();
        throw new IOException("S3Proxy did not answer on " + endpoint + " within " + timeout + "; see " + process.log());
    }

    static String javaBinary() {
        String home = System.getProperty("java.home");
        return home == null ? "java" : Path.of(home, "bin", "java").toString();
    }

    public URI endpoint() {
        return endpoint;
    }

    public String secretKey() {
        return secretKey;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
