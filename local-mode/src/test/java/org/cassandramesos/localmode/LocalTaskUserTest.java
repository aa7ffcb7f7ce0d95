package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskUserTest {
    @TempDir
    Path data;

    @Test
    void startedAsRootANewDataDirectoryRunsTheNodesAsNobodyFromThenOn() throws Exception {
        assertThat(LocalTaskUser.of(data, "root", true).name()).isEqualTo("nobody");
        assertThat(LocalTaskUser.of(data, "root", true).name())
                .as("kept in the data directory")
                .isEqualTo("nobody");
    }

    @Test
    void aDataDirectoryWithNodesFromBeforeKeepsTheUserThatWroteThem() throws Exception {
        Files.createDirectories(data.resolve("mesos"));
        assertThat(LocalTaskUser.of(data, "root", true).name()).isEqualTo("root");
    }

    @Test
    void startedAsAnotherUserTheNodesRunAsThatUser() throws Exception {
        assertThat(LocalTaskUser.of(data, "alice", false).name()).isEqualTo("alice");
    }

    @Test
    void aDirectoryOthersCannotEnterIsNamed() throws Exception {
        Path inner = Files.createDirectories(data.resolve("private").resolve("local-data"));
        Files.setPosixFilePermissions(data.resolve("private"), PosixFilePermissions.fromString("rwx------"));
        assertThat(new LocalTaskUser(LocalTaskUser.UNPRIVILEGED).cannotReach(inner))
                .hasValueSatisfying(why -> assertThat(why)
                        .contains(data.resolve("private").toString())
                        .contains("rwx------"));
        assertThat(new LocalTaskUser(System.getProperty("user.name")).cannotReach(inner))
                .isEmpty();
    }
}
