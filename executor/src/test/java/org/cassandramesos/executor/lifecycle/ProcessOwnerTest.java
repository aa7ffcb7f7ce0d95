package org.cassandramesos.executor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessOwnerTest {

    @Test
    void aRunningProcessIsOwnedByTheUserTheSystemNamesForIt() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            String owner = Files.getOwner(Path.of("/proc/" + child.pid())).getName();

            assertThat(ProcessOwner.of(Optional.of(child.pid()))).isEqualTo(owner);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void withoutARunningProcessItIsTheExecutorsOwnUser() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertThat(ProcessOwner.of(Optional.empty())).isEqualTo(System.getProperty("user.name"));
        assertThat(ProcessOwner.of(Optional.of(exited.pid()))).isEqualTo(System.getProperty("user.name"));
    }
}
