package org.cassandramesos.scheduler.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.cassandramesos.scheduler.config.ConfigJson;

/** JSON for the small records the stores keep. */
public final class StateJson {
    private StateJson() {}

    public static byte[] write(Object value) {
        try {
            return ConfigJson.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type, String path) {
        try {
            return ConfigJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new PersisterException("corrupt " + type.getSimpleName() + " at " + path + ": " + e.getMessage(), e);
        }
    }
}
