package org.cassandramesos.executor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.cassandramesos.apibounds.JsonInput;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.jobs.Submission;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.protocol.jobs.JobStatus;

/** The jobs the scheduler sends this node (routes: {@link org.cassandramesos.protocol.jobs}). */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public final class JobsResource {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final NodeJobs jobs;

    public JobsResource(NodeJobs jobs) {
        this.jobs = jobs;
    }

    @GET
    public List<JobStatus> list() {
        return jobs.list();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("id") String id, String body) {
        if (!ID.matcher(id).matches()) {
            return ErrorMapper.json(
                    400, "job id may only contain letters, digits, '.', '_', ':' and '-' (at most 200)");
        }
        JobRequest request;
        try {
            request = parse(id, body);
        } catch (IllegalArgumentException e) {
            return ErrorMapper.json(400, e.getMessage());
        }
        Submission submission;
        try {
            submission = jobs.submit(request);
        } catch (IllegalArgumentException e) {
            return ErrorMapper.json(400, e.getMessage());
        }
        if (submission instanceof Submission.Started started) {
            return Response.accepted(started.status()).build();
        }
        if (submission instanceof Submission.Known known) {
            return Response.ok(known.status()).build();
        }
        if (submission instanceof Submission.Busy busy) {
            return ErrorMapper.json(
                    409, "job '" + busy.runningId() + "' is running on this node: wait for it or stop it first");
        }
        return ErrorMapper.json(
                400,
                ((Submission.Unsupported) submission).kind().wireName() + " jobs are not supported by this executor");
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return jobs.status(id).map(status -> Response.ok(status).build()).orElseGet(() -> unknown(id));
    }

    @DELETE
    @Path("{id}")
    public Response stop(@PathParam("id") String id) {
        return jobs.stop(id).map(status -> Response.ok(status).build()).orElseGet(() -> unknown(id));
    }

    private static Response unknown(String id) {
        return ErrorMapper.json(404, "no job '" + id + "' on this node");
    }

    /** The body's id may be left out (the path names it); when given, it must match. */
    private static JobRequest parse(String id, String body) {
        JsonNode json;
        try {
            json = TaskData.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(JsonInput.describe(e));
        }
        if (!(json instanceof ObjectNode object)) {
            throw new IllegalArgumentException("the body must be a JSON object (a job request)");
        }
        JsonNode bodyId = object.get("id");
        if (bodyId != null && !bodyId.isNull() && !bodyId.asText().equals(id)) {
            throw new IllegalArgumentException(
                    "the body's id '" + bodyId.asText() + "' differs from the path's '" + id + "'");
        }
        object.put("id", id);
        if (!object.hasNonNull("kind")) {
            throw new IllegalArgumentException("kind is required (repair, cleanup, upgradesstables, backup, restore)");
        }
        try {
            return TaskData.mapper().treeToValue(object, JobRequest.class);
        } catch (JsonProcessingException e) {
            // a value the request's own checks refused (e.g. a bad backup name) says so; Jackson's wording names
            // classes
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalArgumentException(
                    root instanceof IllegalArgumentException refused && root.getMessage() != null
                            ? refused.getMessage()
                            : JsonInput.describe(e));
        }
    }
}
