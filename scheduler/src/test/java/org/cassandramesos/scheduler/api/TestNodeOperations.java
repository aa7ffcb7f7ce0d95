package org.cassandramesos.scheduler.api;

import jakarta.inject.Inject;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.cassandramesos.scheduler.state.TaskStore;

/**
 * A {@link NodeOperations} over the real {@link TaskStore}, standing in for the Mesos side in API tests:
 * answers with the task ids it would kill, refuses nodes marked busy (409) and nodes without a task (404),
 * and remembers what it was asked.
 */
public final class TestNodeOperations implements NodeOperations {
    private final TaskStore tasks;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    public final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Inject
    public TestNodeOperations(TaskStore tasks) {
        this.tasks = tasks;
    }

    public void markBusy(String node) {
        busy.add(node);
    }

    public void reset() {
        busy.clear();
        requests.clear();
    }

    @Override
    public List<String> restart(String node) {
        return kill("restart", node);
    }

    @Override
    public List<String> replace(String node) {
        return kill("replace", node);
    }

    @Override
    public List<String> destroy(String node) {
        return kill("destroy", node);
    }

    private List<String> kill(String what, String node) {
        if (busy.contains(node)) {
            throw new IllegalStateException("repair is running on " + node + "; stop it or wait");
        }
        String taskId = tasks.taskInfo(node)
                .orElseThrow(() -> new NoSuchElementException(node + " has no task"))
                .getTaskId()
                .getValue();
        requests.add(what + " " + node);
        return List.of(taskId);
    }
}
