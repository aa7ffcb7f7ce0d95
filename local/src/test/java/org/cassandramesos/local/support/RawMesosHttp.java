package org.cassandramesos.local.support;

import com.google.protobuf.Message;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.cassandramesos.mesos.ProtoJson;

/** Plain HTTP to the v1 endpoints, for tests of status codes and headers the clients hide. */
public final class RawMesosHttp {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public HttpResponse<String> post(URI uri, String contentType, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> call(URI uri, Message call, Map<String, String> headers)
            throws IOException, InterruptedException {
        return post(uri, "application/json", ProtoJson.printBytes(call), headers);
    }

    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a SUBSCRIBE stream; the body is read incrementally. */
    public HttpResponse<InputStream> subscribe(URI uri, Message call, String accept, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ProtoJson.printBytes(call)));
        if (accept != null) b.header("Accept", accept);
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}
