package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The API's single source of truth, {@code api-spec/openapi.yaml}, as packaged on the classpath by the api-spec module. */
public final class OpenApiSpec {
    public static final String RESOURCE = "/org/cassandramesos/apispec/openapi.yaml";

    private OpenApiSpec() {}

    public static JsonNode load() {
        try (InputStream in = OpenApiSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (api-spec module)");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
