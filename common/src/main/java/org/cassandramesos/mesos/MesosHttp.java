package org.cassandramesos.mesos;

import com.google.protobuf.Message;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The two request shapes of the v1 API over one {@link HttpClient}: a streaming SUBSCRIBE and
 * short calls answered 202. Redirects are not followed automatically: a 307 names the leading
 * master and callers decide what to do with it.
 */
public final class MesosHttp {
    public static final String STREAM_ID = "Mesos-Stream-Id";
    private static final String JSON = "application/json";

    private final HttpClient http;
    private final Duration callTimeout;

    public MesosHttp(Duration connectTimeout, Duration callTimeout) {
        this(connectTimeout, callTimeout, Optional.empty());
    }

    /** With {@code tls}, https endpoints are dialled with that context (whom to trust, which identity to present). */
    public MesosHttp(Duration connectTimeout, Duration callTimeout, Optional<SSLContext> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        tls.ifPresent(builder::sslContext);
        this.http = builder.build();
        this.callTimeout = callTimeout;
    }

    /** Starts a SUBSCRIBE; records arrive on the returned stream (which also carries the response headers). */
    public RecordStream subscribe(URI endpoint, Message call, Map<String, String> headers) {
        RecordStream stream = new RecordStream();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", JSON)
                .header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ProtoJson.printBytes(call)));
        headers.forEach(request::header);
        http.sendAsync(request.build(), stream.bodyHandler()).whenComplete((response, error) -> {
            if (error != null) {
                stream.fail(error);
            }
        });
        return stream;
    }

    /** Posts a call; returns the response (status and body) or throws if the endpoint is unreachable. */
    public HttpResponse<String> call(URI endpoint, Message call, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(callTimeout)
                .header("Content-Type", JSON)
                .header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ProtoJson.printBytes(call)));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + endpoint, e);
        }
    }

    /** Resolves a {@code Location} header of a 307 (Mesos sends protocol-relative {@code //host:port/path}). */
    public static URI redirectTarget(URI current, String location) {
        return current.resolve(location);
    }
}
