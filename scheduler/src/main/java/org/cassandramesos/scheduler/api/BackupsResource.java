package org.cassandramesos.scheduler.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.cassandramesos.backup.BackupLayout;
import org.cassandramesos.backup.BackupLayout.BackupFilePath;
import org.cassandramesos.scheduler.backup.BackupAccess;
import org.cassandramesos.scheduler.backup.BackupDetails;
import org.cassandramesos.scheduler.backup.BackupFiles;
import org.cassandramesos.scheduler.backup.BackupSummary;
import org.cassandramesos.scheduler.backup.Backups;
import org.cassandramesos.scheduler.backup.ReceivedFile;
import org.cassandramesos.scheduler.backup.StoredFile;
import org.cassandramesos.scheduler.backup.UploadSpool;

/**
 * The backups at {@code BACKUP_LOCATION}, and their files with seed 001's file store semantics (ETag and
 * {@code If-None-Match}, {@code X-Content-SHA1}, PUT 201/302/409, tombstones). {@code GET /v1/backups/_status} is
 * another resource: Jersey prefers its literal path, and no backup may be named with a leading {@code _}.
 */
@Path("/v1/backups")
@Produces(MediaType.APPLICATION_JSON)
public final class BackupsResource {
    static final String CONTENT_SHA1 = "X-Content-SHA1";
    static final String CACHE_FOREVER = "max-age=31536000, immutable";

    private final BackupAccess access;
    private final Supplier<Optional<String>> runningBackup;

    /**
     * @param runningBackup names the backup operation in progress, if any: deletes wait for it, since a backup that
     *                      found a blob already stored relies on it before its manifest names it
     */
    public BackupsResource(BackupAccess access, Supplier<Optional<String>> runningBackup) {
        this.access = access;
        this.runningBackup = runningBackup;
    }

    private void refuseWhileABackupRuns(String what) {
        runningBackup.get().ifPresent(backup -> {
            throw ApiErrors.conflict("cannot delete " + what + " while " + backup
                    + " runs (it may rely on blobs a delete would collect); wait for it or stop it");
        });
    }

    @GET
    public List<BackupSummary> list() {
        return access.backups().list();
    }

    @GET
    @Path("{name}")
    public BackupDetails describe(@PathParam("name") String name) {
        return access.backups().describe(backupName(name));
    }

    @HEAD
    @Path("{name}")
    public Response exists(@PathParam("name") String name) {
        access.backups().describe(backupName(name));
        return Response.ok().type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @DELETE
    @Path("{name}")
    public Map<String, Object> delete(@PathParam("name") String name) {
        backupName(name); // a bad name is a 400 whatever runs
        refuseWhileABackupRuns("backup " + name);
        Backups.Deletion deletion = access.backups().delete(name);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "backup " + name + " deleted");
        answer.put("deletion", deletion);
        return answer;
    }

    @GET
    @Path("{name}/files/{path: .+}")
    @Produces(MediaType.WILDCARD)
    public Response file(
            @PathParam("name") String name,
            @PathParam("path") String path,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        BackupFilePath filePath = parse(name, path);
        BackupFiles files = access.files();
        StoredFile file = files.find(name, filePath);
        if (file.matches(ifNoneMatch)) {
            return notModified(file);
        }
        InputStream content = files.open(file); // opened here, so a store failure is still a clean 502
        StreamingOutput body = out -> {
            try (content) {
                content.transferTo(out);
            }
        };
        return withFileHeaders(Response.ok(body), file).build();
    }

    @HEAD
    @Path("{name}/files/{path: .+}")
    @Produces(MediaType.WILDCARD)
    public Response fileHeaders(
            @PathParam("name") String name,
            @PathParam("path") String path,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        BackupFilePath filePath = parse(name, path);
        StoredFile file = access.files().find(name, filePath);
        return file.matches(ifNoneMatch)
                ? notModified(file)
                : withFileHeaders(Response.ok(), file).build();
    }

    @PUT
    @Path("{name}/files/{path: .+}")
    @Consumes(MediaType.WILDCARD)
    public Response store(
            @PathParam("name") String name,
            @PathParam("path") String path,
            @HeaderParam(CONTENT_SHA1) String sha1,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            InputStream body) {
        BackupFilePath filePath = parse(name, path);
        BackupFiles files = access.files();
        long maxBytes = access.settings().maxFileBytes();
        // a chunked upload may grow to the largest file allowed: it reserves that much of the spool budget
        long expected = headers.getLength() >= 0 ? headers.getLength() : maxBytes;
        try (UploadSpool.Reservation spool = access.spool().reserve(expected);
                ReceivedFile received = ReceivedFile.receive(body, maxBytes)) {
            BackupFiles.Stored stored = files.put(
                    name, filePath, received, Optional.ofNullable(sha1).filter(s -> !s.isBlank()));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("message", stored == BackupFiles.Stored.CREATED ? "stored" : "already stored with this content");
            answer.put("path", filePath.toString());
            answer.put("size", received.size());
            answer.put("sha256", received.sha256());
            answer.put("sha1", received.sha1());
            Response.ResponseBuilder response = stored == BackupFiles.Stored.CREATED
                    ? Response.created(uri.getAbsolutePath())
                    : Response.status(Response.Status.FOUND).location(uri.getAbsolutePath());
            return response.type(MediaType.APPLICATION_JSON_TYPE).entity(answer).build();
        }
    }

    @DELETE
    @Path("{name}/files/{path: .+}")
    public Map<String, String> deleteFile(@PathParam("name") String name, @PathParam("path") String path) {
        BackupFilePath filePath = parse(name, path); // a bad name or path is a 400 whatever runs
        refuseWhileABackupRuns("a file of backup " + name);
        access.files().delete(name, filePath);
        return Map.of("message", "file " + path + " of backup " + name + " deleted");
    }

    /** Checked before anything else a route does, so a bad name is a 400 (never a 409 or 503). */
    private static String backupName(String name) {
        try {
            return BackupLayout.requireBackupName("backup name", name);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
    }

    private static BackupFilePath parse(String name, String path) {
        backupName(name);
        try {
            return BackupLayout.parseFilePath(path);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
    }

    private static Response notModified(StoredFile file) {
        return Response.notModified(new EntityTag(file.sha256()))
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header(CONTENT_SHA1, file.sha1())
                .build();
    }

    private static Response.ResponseBuilder withFileHeaders(Response.ResponseBuilder response, StoredFile file) {
        return response.type(file.contentType())
                .tag(new EntityTag(file.sha256()))
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header(CONTENT_SHA1, file.sha1())
                .header(HttpHeaders.CONTENT_LENGTH, file.size());
    }
}
