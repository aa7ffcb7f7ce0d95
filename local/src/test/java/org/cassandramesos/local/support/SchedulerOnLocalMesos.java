package org.cassandramesos.local.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cassandramesos.local.LocalMesos;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh local cluster with test timings and a subscribed {@link TestScheduler} (failover timeout
 * one hour) for each test, stopped and deleted after it. Register with {@code @RegisterExtension}.
 */
public final class SchedulerOnLocalMesos implements BeforeEachCallback, AfterEachCallback {
    private final int agents;
    private Path workDir;
    private LocalMesos mesos;
    private TestScheduler scheduler;

    public SchedulerOnLocalMesos(int agents) {
        this.agents = agents;
    }

    public LocalMesos mesos() {
        return mesos;
    }

    public TestScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        workDir = Files.createTempDirectory("local-mesos-test-");
        mesos = Clusters.start(workDir, agents);
        scheduler = new TestScheduler(mesos.masterUri(), 3600).start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (scheduler != null) {
            scheduler.close();
        }
        if (mesos != null) {
            mesos.close();
        }
        if (workDir != null) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
