package org.cassandramesos.scheduler.config;

import java.util.Map;

/**
 * The service configuration this scheduler would run with if Marathon started it again with some environment variables
 * changed: its own configuration file, read as at start-up, with {@code variables} over its environment. What an update
 * is checked with before anything restarts ({@code POST /v1/config/validate}).
 */
@FunctionalInterface
public interface CandidateConfigs {
    /** @throws IllegalArgumentException (with a message an operator can act on) when the configuration cannot be read */
    ServiceConfig withVariables(Map<String, String> variables);
}
