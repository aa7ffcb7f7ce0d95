package org.cassandramesos.universe;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.samskivert.mustache.Mustache;
import java.util.Map;

/**
 * Renders marathon.json.mustache as Cosmos does: the effective options plus {@code resource} (resource.json) as
 * the scope; an empty string is false in sections; a missing variable is an error rather than an empty value.
 */
public final class MarathonAppRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Mustache.Compiler COMPILER = Mustache.compiler().emptyStringIsFalse(true);

  private MarathonAppRenderer() {}

  public static String render(String template, JsonNode effectiveOptions, JsonNode resource) {
    ObjectNode scope = effectiveOptions.deepCopy();
    scope.set("resource", resource);
    Map<String, Object> context = JSON.convertValue(scope, new TypeReference<Map<String, Object>>() {});
    return COMPILER.compile(template).execute(context);
  }

  /** Renders and parses; a template that yields invalid JSON fails here. */
  public static JsonNode renderJson(String template, JsonNode effectiveOptions, JsonNode resource) {
    try {
      return JSON.readTree(render(template, effectiveOptions, resource));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("marathon.json.mustache did not render to JSON: " + e.getMessage(), e);
    }
  }
}
