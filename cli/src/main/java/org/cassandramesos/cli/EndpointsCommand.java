package org.cassandramesos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code endpoints [native-client]}, as the SDK's: without a name the endpoint names, with one its
 * {@code {"address": [ip:port...], "dns": [name:port...]}}, both always JSON (scripts parse them). The one endpoint,
 * {@code native-client} (CQL), is the scheduler's {@code GET /v1/connection}.
 */
@Command(
        name = "endpoints",
        aliases = "endpoint",
        description = "Show the client endpoints (JSON): their names, or one" + " endpoint's addresses and DNS names.")
final class EndpointsCommand extends ApiCommand {
    static final String NATIVE_CLIENT = "native-client";
    static final List<String> NAMES = List.of(NATIVE_CLIENT);

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "<endpoint>",
            completionCandidates = Names.class,
            description = "native-client (CQL).")
    String endpoint;

    /** The endpoint names, for the completion script. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return NAMES.iterator();
        }
    }

    @Override
    void run() {
        if (endpoint == null) {
            JsonNode names = SchedulerRestClient.JSON.valueToTree(NAMES);
            output().printJson(names);
        } else if (endpoint.equals(NATIVE_CLIENT)) {
            output().printJson(api().get("/v1/connection").json());
        } else {
            throw new CliFailure(
                    ExitCode.NOT_FOUND, "no endpoint " + endpoint + "; the endpoints are " + String.join(", ", NAMES));
        }
        output().out().flush();
    }
}
