package org.cassandramesos.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates user options the way an install would: defaults merged first, then config.json (draft-04, as DC/OS
 * uses), then the rules a JSON schema cannot state because they relate two fields (heap below mem, seeds within
 * count, a token secret for token mode, one framework credential). The scheduler must enforce the same rules at start-up.
 */
public final class OptionsValidator {
  private final JsonNode configSchema;
  private final JsonSchema schema;

  public OptionsValidator(JsonNode configSchema) {
    this.configSchema = configSchema;
    this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(configSchema);
  }

  /** Readable errors, empty when the options are valid. */
  public List<String> validate(JsonNode userOptions) {
    JsonNode options = PackageOptions.effective(configSchema, userOptions);
    List<String> errors = new ArrayList<>();
    for (ValidationMessage message : schema.validate(options)) {
      errors.add(message.getMessage());
    }
    if (errors.isEmpty()) {
      errors.addAll(crossFieldErrors(options));
    }
    return errors;
  }

  static List<String> crossFieldErrors(JsonNode options) {
    List<String> errors = new ArrayList<>();
    JsonNode nodes = options.path("nodes");
    if (nodes.path("heap").asLong() >= nodes.path("mem").asLong()) {
      errors.add("$.nodes.heap: " + nodes.path("heap").asLong() + " MB must be below nodes.mem ("
          + nodes.path("mem").asLong() + " MB): the node needs memory beyond its heap");
    }
    if (nodes.path("seeds").asInt() > nodes.path("count").asInt()) {
      errors.add("$.nodes.seeds: " + nodes.path("seeds").asInt() + " seeds cannot exceed nodes.count ("
          + nodes.path("count").asInt() + ")");
    }
    JsonNode service = options.path("service");
    if (service.path("auth_mode").asText().equals("token") && service.path("auth_token_secret").asText().isBlank()) {
      errors.add("$.service.auth_token_secret: auth_mode token needs the secret-store path of the token");
    }
    boolean account = !service.path("service_account").asText().isBlank();
    boolean accountSecret = !service.path("service_account_secret").asText().isBlank();
    if (account != accountSecret) {
      errors.add("$.service.service_account: service_account and service_account_secret go together (the uid and the "
          + "secret-store path of its credential)");
    }
    if (accountSecret && !service.path("principal_secret").asText().isBlank()) {
      errors.add("$.service.principal_secret: the scheduler authenticates to Mesos with a service account or with the "
          + "principal's secret, not both");
    }
    return errors;
  }
}
