package org.cassandramesos.executor.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.executor.backup.BackupSource;
import org.cassandramesos.executor.jmx.JmxException;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.jobs.Submission;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobRequest;

/**
 * The seed-000 ("Hector") XML API: process status, start/restart, snapshots, restore ({@code /docs}: {@link NodeDocsResource}). POST parameters are
 * read from the form or the query string alike ({@link FormByDefault} makes a body-less POST an empty form). A restore
 * names a local snapshot or, when there is none of that name, a backup at the operator's configured location: that one
 * is restored by a node job, as the scheduler's restore does for every node.
 */
@Path("/")
@Produces(MediaType.APPLICATION_XML)
public final class LegacyXmlResource {
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final CassandraNode node;
    private final CassandraVerbs lifecycle;
    private final NodeJobs jobs;
    private final Optional<BackupSource> backups;

    /** @param backups the configured backup location, where a restore finds a backup it does not find as a snapshot */
    public LegacyXmlResource(CassandraVerbs lifecycle, NodeJobs jobs, Optional<BackupSource> backups) {
        this.node = lifecycle.node();
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.backups = backups;
    }

    @GET
    public String status() {
        return XmlDocuments.status(node.isRunning(), node.error());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(MultivaluedMap<String, String> form, @QueryParam("restart") String query)
            throws IOException, InterruptedException {
        Response unknown = unknownField(form, "restart", "POST / takes restart=True|False");
        if (unknown != null) {
            return unknown;
        }
        String fromForm = form.getFirst("restart");
        return start(fromForm != null ? fromForm : query);
    }

    /** A field this route does not take is a mistake the caller should hear of, before anything happens. */
    private static Response unknownField(MultivaluedMap<String, String> form, String only, String usage) {
        for (String field : form.keySet()) {
            if (!field.equals(only)) {
                return badRequest("unknown form field '" + field + "': " + usage);
            }
        }
        return null;
    }

    private Response start(String restartParam) throws IOException, InterruptedException {
        boolean restart;
        try {
            restart = restartParam != null && XmlDocuments.bool(restartParam.trim());
        } catch (IllegalArgumentException e) {
            return badRequest("restart: " + e.getMessage());
        }
        if (restart) {
            lifecycle.restart();
        } else {
            lifecycle.ensureRunning();
        }
        return Response.ok(status()).build();
    }

    @GET
    @Path("snapshot")
    public String snapshot() {
        return XmlDocuments.snapshot(node.autoSnapshot(), node.lastSnapshot());
    }

    @PUT
    @Path("snapshot")
    @Consumes(MediaType.WILDCARD)
    public Response takeSnapshot(InputStream body) {
        boolean requested;
        try {
            requested = XmlDocuments.snapshotRequested(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return badRequest(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (requested) {
            if (!node.isRunning()) {
                return conflict("Cassandra is stopped: start it before taking a snapshot");
            }
            node.takeSnapshot();
        }
        return Response.ok(snapshot()).build();
    }

    @POST
    @Path("restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response restore(MultivaluedMap<String, String> form, @QueryParam("snapshot-name") String query) {
        Response unknown = unknownField(form, "snapshot-name", "POST /restore takes snapshot-name=TAG");
        if (unknown != null) {
            return unknown;
        }
        String fromForm = form.getFirst("snapshot-name");
        return restore(fromForm != null ? fromForm : query);
    }

    private Response restore(String name) {
        if (name == null || name.isBlank()) {
            return badRequest("snapshot-name is required");
        }
        if (!SNAPSHOT_NAME.matcher(name).matches()) {
            return badRequest("snapshot-name may only contain letters, digits, '.', '_' and '-'");
        }
        if (!node.isRunning()) {
            return conflict("Cassandra is stopped: start it before restoring");
        }
        try {
            CassandraNode.RestoreResult result = node.restore(name);
            return Response.status(result.failed().isEmpty() ? 200 : 500)
                    .entity(XmlDocuments.restore(result.tag(), result.restored(), result.failed()))
                    .build();
        } catch (CassandraNode.SnapshotNotFoundException e) {
            return restoreBackup(name);
        } catch (JmxException e) {
            return Response.status(503)
                    .entity(XmlDocuments.error(e.getMessage()))
                    .build();
        }
    }

    /** No snapshot is called {@code name}: a backup of that name at the configured location is restored, if it holds this node. */
    private Response restoreBackup(String name) {
        String nodeName = node.spec().nodeName();
        String neither = "no snapshot named '" + name + "' on this node";
        if (backups.isEmpty()) {
            return notFound(neither + ", and no backup location is configured (BACKUP_LOCATION)");
        }
        if (!BackupLayout.isBackupName(name)) {
            return notFound(neither + " ('" + name + "' is not a backup name)");
        }
        try {
            if (!backups.get().holds(name, nodeName)) {
                return notFound(neither + ", and no backup '" + name + "' of " + nodeName + " at the backup location");
            }
        } catch (IOException e) {
            return Response.status(503)
                    .type(MediaType.APPLICATION_XML_TYPE)
                    .entity(XmlDocuments.error("no snapshot named '" + name + "' on this node, and the backup location"
                            + " cannot be read: " + e.getMessage()))
                    .build();
        }
        // a fresh id per request: restoring the same backup again later restores again (a running job answers 409)
        String id = "restore-" + name + "-" + System.currentTimeMillis();
        Submission submission = jobs.submit(new JobRequest(
                id, JobKind.RESTORE, List.of(), List.of(), backups.get().target(name)));
        if (submission instanceof Submission.Busy busy) {
            return conflict("job '" + busy.runningId() + "' is running on this node: wait for it or stop it first");
        }
        if (submission instanceof Submission.Unsupported) {
            return conflict("this executor does not run restore jobs");
        }
        return Response.accepted(XmlDocuments.restoreStarted(name, id))
                .type(MediaType.APPLICATION_XML_TYPE)
                .build();
    }

    private static Response notFound(String message) {
        return Response.status(404)
                .type(MediaType.APPLICATION_XML_TYPE)
                .entity(XmlDocuments.error(message))
                .build();
    }

    private static Response badRequest(String message) {
        return Response.status(400)
                .type(MediaType.APPLICATION_XML_TYPE)
                .entity(XmlDocuments.error(message))
                .build();
    }

    private static Response conflict(String message) {
        return Response.status(409)
                .type(MediaType.APPLICATION_XML_TYPE)
                .entity(XmlDocuments.error(message))
                .build();
    }
}
