package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.cassandramesos.apidocs.OpenApiDocument;

/** The API's single source of truth, {@code api-spec/openapi.yaml}, as packaged on the classpath by the api-spec module. */
public final class OpenApiSpec {
    public static final String RESOURCE = "/org/cassandramesos/apispec/openapi.yaml";

    private OpenApiSpec() {}

    public static JsonNode load() {
        return OpenApiDocument.load(RESOURCE);
    }
}
