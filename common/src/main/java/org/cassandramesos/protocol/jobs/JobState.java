package org.cassandramesos.protocol.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum JobState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Stopped on request before it finished. */
    STOPPED;

    public boolean terminal() {
        return this != RUNNING;
    }

    @JsonValue
    public String wireName() {
        return name();
    }

    @JsonCreator
    public static JobState fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
