package org.cassandramesos.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.cassandramesos.scheduler.config.CandidateConfigs;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.validation.ConfigValidator;
import org.cassandramesos.universe.OptionsEnvironment;
import org.cassandramesos.universe.OptionsValidator;
import org.cassandramesos.universe.UniversePackage;

/**
 * {@code POST /v1/config/validate}: would an update with these package options (config.json's schema, e.g. {@code
 * {"nodes": {"heap": 320}}}) be accepted? Answered before anything restarts (the CLI's {@code update start} asks first):
 * the options are checked against config.json, mapped to the scheduler's environment as marathon.json.mustache maps them
 * ({@link OptionsEnvironment}), the scheduler's configuration file is read again with them ({@link CandidateConfigs}),
 * and the result is checked against the configuration in force with the rules a restart applies ({@link
 * ConfigValidator#validateUpdate}). 200 with what would change, or 400 with every reason; nothing is stored.
 */
@Path("/v1/config/validate")
@Produces(MediaType.APPLICATION_JSON)
public final class ConfigValidationResource {
    private static final UniversePackage PACKAGE = UniversePackage.bundled();
    private static final OptionsValidator SCHEMA = new OptionsValidator(PACKAGE.configSchema());
    /** As the API writes configs (durations as ISO-8601), so a change reads as {@code GET /v1/config/target} shows it. */
    private static final ObjectMapper JSON =
            Jackson.newObjectMapper().disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

    /**
     * @param setting   the configuration's field, as a dotted path of {@code GET /v1/config/target}
     * @param from      its value in force
     * @param to        its value with the options
     */
    public record Change(String setting, JsonNode from, JsonNode to) {}

    /**
     * @param changes   what the update would change in the configuration (secrets redacted), empty when nothing
     * @param variables the scheduler's environment variables the options set
     * @param unchecked options the scheduler cannot check (they set none of its variables: the app's own resources,
     *                  secrets)
     */
    public record Validation(List<Change> changes, Map<String, String> variables, List<String> unchecked) {}

    private final ConfigStore configs;
    private final CandidateConfigs candidates;

    @Inject
    public ConfigValidationResource(ConfigStore configs, CandidateConfigs candidates) {
        this.configs = configs;
        this.candidates = candidates;
    }

    /**
     * The body is read here rather than by Jersey, so every refusal is this route's JSON: a body that is not JSON
     * ({@code Content-Type} other than {@code application/json}) 415, one that is not an object 400.
     */
    @POST
    public Response validate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        if (body != null && !body.isBlank() && !isJson(contentType)) {
            return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("code", 415, "message", "send the options as application/json"))
                    .build();
        }
        JsonNode options;
        try {
            options = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the parser's message would quote the body: only where it failed
            options = null;
        }
        if (options == null || !options.isObject()) {
            return refused(List.of("the body must be a JSON object of package options (config.json's schema), e.g. "
                    + "{\"nodes\": {\"heap\": 320}}"));
        }
        List<String> schemaErrors = SCHEMA.schemaErrors(options);
        if (!schemaErrors.isEmpty()) {
            return refused(schemaErrors);
        }
        ServiceConfig current = configs.target()
                .map(ConfigVersion::config)
                .orElseThrow(() -> ApiErrors.conflict("no configuration in force yet: nothing to update"));
        OptionsEnvironment.Mapping mapping = PACKAGE.environment(options);
        ServiceConfig proposed;
        try {
            proposed = candidates.withVariables(mapping.variables());
        } catch (IllegalArgumentException e) {
            return refused(List.of(e.getMessage()));
        }
        List<String> errors = ConfigValidator.validateUpdate(current, proposed);
        if (!errors.isEmpty()) {
            return refused(errors);
        }
        return Response.ok(new Validation(
                        changes(current, proposed), new LinkedHashMap<>(mapping.variables()), mapping.unmapped()))
                .build();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return type.getType().equals("application")
                    && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 400, every reason in {@code errors} and all of them in {@code message}. */
    private static Response refused(List<String> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", 400);
        body.put("message", "the update is refused: " + String.join("; ", errors));
        body.put("errors", errors);
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }

    static List<Change> changes(ServiceConfig current, ServiceConfig proposed) {
        List<Change> changes = new ArrayList<>();
        diff(
                "",
                JSON.valueToTree(ConfigResource.redacted(current)),
                JSON.valueToTree(ConfigResource.redacted(proposed)),
                changes);
        return changes;
    }

    private static void diff(String path, JsonNode from, JsonNode to, List<Change> into) {
        if (from != null && to != null && from.isObject() && to.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            for (Iterator<String> it = from.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            for (Iterator<String> it = to.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, from.get(name), to.get(name), into);
            }
        } else if (from == null ? to != null : !from.equals(to)) {
            into.add(new Change(path, from, to));
        }
    }
}
