package org.cassandramesos.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON encoding of the payloads carried in {@code TaskInfo.data} and framework messages. */
public final class TaskData {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private TaskData() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ByteString encode(Object payload) {
        try {
            return ByteString.copyFrom(MAPPER.writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T decode(ByteString data, Class<T> type) {
        try {
            return MAPPER.readValue(data.toByteArray(), type);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "task data is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
