package org.cassandramesos.local.agent;

import java.util.ArrayList;
import java.util.List;

/** Kills a process and everything below it, so an executor's children never outlive it. */
public final class ProcessTrees {
    private ProcessTrees() {}

    /** SIGKILLs the whole tree; children are snapshotted first because they are re-parented once their parent dies. */
    public static void kill(ProcessHandle root) {
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
            if (root.isAlive()) all.add(0, root);
            if (all.isEmpty()) return;
            for (ProcessHandle p : all) p.destroyForcibly();
            for (ProcessHandle p : all) {
                try {
                    p.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // best effort: checked again in the next round
                }
            }
        }
    }
}
