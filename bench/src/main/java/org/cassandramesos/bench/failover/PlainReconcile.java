package org.cassandramesos.bench.failover;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.support.TestScheduler;
import org.cassandramesos.mesos.scheduler.Calls;

/**
 * The baseline: the Mesos part of a failover and nothing else. In this already running JVM, the recording test
 * framework ({@link TestScheduler}, over the project's own SchedulerClient) SUBSCRIBEs with the framework id and explicitly reconciles the given tasks; done when every
 * one of them has answered. No JVM start, no ZooKeeper, no election, no state read: the floor a scheduler failover
 * cannot go below on this master.
 */
final class PlainReconcile {
    private PlainReconcile() {}

    /** Blocks until all {@code tasks} answered (or {@code within} passed: then throws). */
    static void run(URI master, FrameworkInfo info, FrameworkID id, Map<TaskID, AgentID> tasks, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        try (TestScheduler framework = new TestScheduler(master, info, Optional.empty())
                .failingOver(id)
                .start()) {
            framework.await(0, e -> e.getType() == Event.Type.SUBSCRIBED, within);
            framework.send(Calls.reconcile(tasks));
            for (TaskID task : tasks.keySet()) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                try {
                    framework.await(
                            0,
                            e -> e.getType() == Event.Type.UPDATE
                                    && e.getUpdate().getStatus().getTaskId().equals(task),
                            left);
                } catch (AssertionError unanswered) {
                    throw new IllegalStateException(task.getValue() + " unanswered after " + within, unanswered);
                }
            }
        }
    }
}
