package org.cassandramesos.scheduler.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON form of {@link ServiceConfig} as stored in ZooKeeper and served by the config API. */
public final class ConfigJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            // ISO-8601 ("PT336H") reads better in the API than seconds with nanos
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ConfigJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(ServiceConfig config) {
        try {
            return MAPPER.writeValueAsBytes(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ServiceConfig read(byte[] json) {
        try {
            return MAPPER.readValue(json, ServiceConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored config is not valid JSON: " + e.getMessage(), e);
        }
    }
}
