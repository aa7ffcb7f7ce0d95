package org.cassandramesos.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real process trees: a shell with two sleeps, one of them in the background. */
class ProcessTreeTest {
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void stopEndsTheWholeTreeWithSigtermWhenItObeys() throws IOException {
        Process shell = startTree("sleep 60 & sleep 60");

        ProcessTree.Stopped stopped = ProcessTree.stop(shell.toHandle(), Duration.ofSeconds(30));

        assertThat(stopped.forced()).isFalse();
        assertThat(stopped.gone()).isTrue();
        assertThat(started).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void stopKillsATreeThatIgnoresSigtermOnceTheGraceIsOver() throws IOException {
        // an ignored signal stays ignored in the children
        Process shell = startTree("trap '' TERM; sleep 60 & sleep 60");

        ProcessTree.Stopped stopped = ProcessTree.stop(shell.toHandle(), Duration.ofMillis(300));

        assertThat(stopped.forced()).isTrue();
        assertThat(stopped.gone()).isTrue();
        assertThat(started).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void stopFindsDescendantsWhoseParentDiesFirst() throws IOException {
        // the shell dies on SIGTERM at once; its background sleep ignores it and is re-parented
        Process shell = startTree("(trap '' TERM; exec sleep 60) & sleep 60");

        ProcessTree.Stopped stopped = ProcessTree.stop(shell.toHandle(), Duration.ofMillis(300));

        assertThat(stopped.forced()).isTrue();
        assertThat(shell.isAlive()).isFalse();
        assertThat(started).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void killEndsTheWholeTreeAtOnce() throws IOException {
        Process shell = startTree("trap '' TERM; sleep 60 & sleep 60");

        ProcessTree.Stopped stopped = ProcessTree.kill(shell.toHandle());

        assertThat(stopped.gone()).isTrue();
        assertThat(started).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void stopAllEndsEveryTreeGiven() throws IOException {
        Process first = startTree("sleep 60 & sleep 60");
        Process second = startTree("trap '' TERM; sleep 60 & sleep 60");

        ProcessTree.Stopped stopped =
                ProcessTree.stopAll(List.of(first.toHandle(), second.toHandle()), Duration.ofMillis(300));

        assertThat(stopped.forced()).isTrue();
        assertThat(started).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void stoppingAnEndedProcessDoesNothing() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        ProcessTree.Stopped stopped = ProcessTree.stop(done.toHandle(), Duration.ofSeconds(1));

        assertThat(stopped.forced()).isFalse();
        assertThat(stopped.gone()).isTrue();
    }

    @Test
    void awaitGoneNamesTheProcessesStillAlive() throws IOException {
        Process shell = startTree("sleep 60 & sleep 60");

        List<ProcessHandle> left = ProcessTree.awaitGone(started, Duration.ZERO);

        assertThat(left).containsExactlyInAnyOrderElementsOf(started);
        ProcessTree.kill(shell.toHandle());
    }

    /** Starts {@code sh -c script} and waits until the shell has both of its sleeps below it. */
    private Process startTree(String script) throws IOException {
        Process shell = new ProcessBuilder("sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        started.add(shell.toHandle());
        await().atMost(Duration.ofSeconds(30)).until(() -> shell.descendants().count() == 2);
        started.addAll(shell.descendants().toList());
        return shell;
    }
}
