package org.cassandramesos.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** An OpenAPI document (YAML) as packaged on the classpath by the api-spec module. */
public final class OpenApiDocument {
    private OpenApiDocument() {}

    /** @param resource absolute classpath name, e.g. {@code /org/cassandramesos/apispec/openapi.yaml} */
    public static JsonNode load(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (api-spec module)");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
