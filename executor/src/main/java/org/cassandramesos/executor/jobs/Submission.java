package org.cassandramesos.executor.jobs;

import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobStatus;

/** What {@link NodeJobs#submit} did with a request. */
public sealed interface Submission {
    /** A new job started. */
    record Started(JobStatus status) implements Submission {}

    /** A job with this id is already known: nothing started, here is its status. */
    record Known(JobStatus status) implements Submission {}

    /** Another job is running on this node. */
    record Busy(String runningId) implements Submission {}

    /** This executor cannot run jobs of this kind. */
    record Unsupported(JobKind kind) implements Submission {}
}
