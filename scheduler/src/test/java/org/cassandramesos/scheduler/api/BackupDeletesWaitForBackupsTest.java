package org.cassandramesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A delete could collect a blob a running backup found already stored and will name in its manifest: it waits. */
class BackupDeletesWaitForBackupsTest {
    private final BackupsResource resource =
            new BackupsResource(null, () -> Optional.of("backup nightly-2 (operation 42)"));

    @Test
    void deletingABackupWhileABackupRunsIsAConflictNamingIt() {
        WebApplicationException refused =
                catchThrowableOfType(WebApplicationException.class, () -> resource.delete("nightly-1"));

        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(refused.getMessage())
                .contains("cannot delete backup nightly-1 while backup nightly-2 (operation 42) runs");
    }

    @Test
    void deletingAFileWhileABackupRunsIsAConflictToo() {
        WebApplicationException refused = catchThrowableOfType(
                WebApplicationException.class, () -> resource.deleteFile("nightly-1", "node-0/ks/t/nb-1-big-Data.db"));

        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
    }

    @Test
    void anInvalidNameOrPathIsA400EvenWhileABackupRuns() {
        for (String name : java.util.List.of("..", "_blobs", "-x", "x y", "_status")) {
            WebApplicationException refused =
                    catchThrowableOfType(WebApplicationException.class, () -> resource.delete(name));
            assertThat(refused.getResponse().getStatus()).as(name).isEqualTo(400);
            refused = catchThrowableOfType(
                    WebApplicationException.class, () -> resource.deleteFile(name, "node-0/ks/t/nb-1-big-Data.db"));
            assertThat(refused.getResponse().getStatus()).as(name).isEqualTo(400);
        }
        WebApplicationException refused = catchThrowableOfType(
                WebApplicationException.class, () -> resource.deleteFile("nightly-1", "node-0/../x/y"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
    }
}
