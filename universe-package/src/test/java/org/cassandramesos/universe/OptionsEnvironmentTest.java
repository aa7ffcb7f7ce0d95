package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options an update names decide the scheduler variables the bundled marathon.json.mustache maps them to. */
class OptionsEnvironmentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UniversePackage PACKAGE = UniversePackage.bundled();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void theHeapOptionDecidesOnlyNodeHeapMb() throws Exception {
        OptionsEnvironment.Mapping mapping = PACKAGE.environment(json("{\"nodes\": {\"heap\": 320}}"));

        assertThat(mapping.variables()).isEqualTo(Map.of("NODE_HEAP_MB", "320"));
        assertThat(mapping.unmapped()).isEmpty();
    }

    @Test
    void severalOptionsDecideTheirVariablesAndNothingElse() throws Exception {
        OptionsEnvironment.Mapping mapping = PACKAGE.environment(
                json("{\"cassandra\": {\"cluster_name\": \"other\", \"num_tokens\": 8}, \"nodes\": {\"count\": 5}}"));

        assertThat(mapping.variables()).isEqualTo(Map.of("CLUSTER_NAME", "other", "NUM_TOKENS", "8", "NODES", "5"));
    }

    @Test
    void anOptionDecidingNoPlainVariableIsReportedUnmapped() throws Exception {
        // the scheduler app's own cpus: Marathon's, not the scheduler's environment
        OptionsEnvironment.Mapping mapping = PACKAGE.environment(json("{\"service\": {\"cpus\": 2}}"));

        assertThat(mapping.variables()).isEmpty();
        assertThat(mapping.unmapped()).containsExactly("service.cpus");
    }

    @Test
    void theSchemaRefusesAnUnknownOptionAndAWrongType() throws Exception {
        OptionsValidator validator = new OptionsValidator(PACKAGE.configSchema());

        assertThat(validator.schemaErrors(json("{\"nodes\": {\"heap\": \"big\", \"colour\": 1}}")))
                .hasSize(2)
                .anySatisfy(e -> assertThat(e).contains("heap"))
                .anySatisfy(e -> assertThat(e).contains("colour"));
        assertThat(validator.schemaErrors(json("{\"nodes\": {\"heap\": 320}}"))).isEmpty();
    }
}
