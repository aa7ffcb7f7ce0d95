package org.cassandramesos.scheduler.ops;

import java.util.List;
import java.util.Optional;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.plan.StepTransitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a scale-out: once every joining node's step is COMPLETE and the deploy plan with it, each of their steps
 * says that cleanup is due and the log says it once; with {@code cleanup_after_scale_out} the scheduler starts the
 * cleanup operation itself (every node drops the ranges it no longer owns).
 */
public final class ScaleOut {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleOut.class);
    static final String JOINED = "joined the ring (scale-out); ";

    private final List<String> joining;
    private final DeployPlanManager deploy;
    private final OperationManager operations;
    private final boolean cleanupAfter;
    private boolean done;

    public ScaleOut(List<String> joining, DeployPlanManager deploy, OperationManager operations, boolean cleanupAfter) {
        this.joining = new java.util.ArrayList<>(joining);
        this.deploy = deploy;
        this.operations = operations;
        this.cleanupAfter = cleanupAfter;
        this.done = joining.isEmpty();
    }

    /** A node added while the scheduler runs ({@code POST /v1/nodes/create}): cleanup is due once it joined. */
    public synchronized void added(String node) {
        if (!joining.contains(node)) {
            joining.add(node);
        }
        done = false;
    }

    public synchronized void tick() {
        if (done || !deploy.deploy().isComplete()) {
            return;
        }
        boolean joined = joining.stream()
                .allMatch(node -> step(node).map(Step::isComplete).orElse(true));
        if (!joined) {
            return;
        }
        done = true;
        String cleanup = cleanupAfter
                ? "the scheduler starts cleanup on every node (cleanup_after_scale_out)"
                : "run cleanup (PUT /v1/cleanup/start, CLI: cleanup start) so the other nodes drop the data they no"
                        + " longer own";
        for (String node : joining) {
            deploy.updateStepOf(node, s -> s.isComplete() ? StepTransitions.noted(s, JOINED + cleanup) : s);
        }
        LOG.info("scale-out complete: {} joined; {}", joining, cleanup);
        if (cleanupAfter) {
            try {
                operations.start(JobKind.CLEANUP, "{\"nodes\": [\"*\"]}");
            } catch (RuntimeException e) {
                LOG.warn("scale-out complete, but cleanup did not start: {}; start it by hand", e.getMessage());
            }
        }
    }

    private Optional<Step> step(String node) {
        return deploy.deploy().steps().filter(s -> s.node().equals(node)).findFirst();
    }
}
