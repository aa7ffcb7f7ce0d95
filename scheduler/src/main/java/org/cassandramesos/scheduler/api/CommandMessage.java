package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to an accepted plan command, as the original service gave it: {@code {"message":"Received cmd: continue"}}. */
public record CommandMessage(@JsonProperty("message") String message) {
    static CommandMessage received(String command) {
        return new CommandMessage("Received cmd: " + command);
    }
}
