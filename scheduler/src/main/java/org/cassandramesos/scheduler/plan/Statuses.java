package org.cassandramesos.scheduler.plan;

import java.util.List;

/** How a phase's or plan's status follows from its children's. */
final class Statuses {
    private Statuses() {}

    static Status aggregate(List<Status> children) {
        if (children.contains(Status.ERROR)) {
            return Status.ERROR;
        }
        if (children.stream().allMatch(s -> s == Status.COMPLETE)) {
            return Status.COMPLETE;
        }
        if (children.stream().allMatch(s -> s == Status.PENDING)) {
            return Status.PENDING;
        }
        if (children.stream().allMatch(s -> s == Status.PENDING || s == Status.WAITING)) {
            return Status.WAITING;
        }
        return Status.IN_PROGRESS;
    }
}
