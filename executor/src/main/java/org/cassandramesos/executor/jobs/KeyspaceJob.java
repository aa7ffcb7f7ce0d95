package org.cassandramesos.executor.jobs;

import java.util.List;
import org.cassandramesos.executor.jmx.CassandraJmx;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.jobs.JobProgress;
import org.cassandramesos.protocol.jobs.JobRequest;

/**
 * A job that does one operation keyspace by keyspace (repair, cleanup, upgradesstables): checks the keyspaces exist
 * before starting, counts them as progress, and checks for a stop between keyspaces (and ends the running operation
 * in Cassandra when a stop comes during one).
 */
public final class KeyspaceJob implements NodeJob {

    /** The per-keyspace work of one kind of job. */
    public interface Operation {
        /** Names the operation in messages ("repair"). */
        String verb();

        void run(CassandraNode node, String keyspace, List<String> tables, JobContext context) throws Exception;

        /** Ends the operation Cassandra is running now (called from another thread when a stop is asked). */
        void stop(CassandraNode node);
    }

    private final Operation operation;

    public KeyspaceJob(Operation operation) {
        this.operation = operation;
    }

    @Override
    public String run(JobContext context) throws Exception {
        JobRequest request = context.request();
        CassandraNode node = context.node();
        if (!node.isRunning()) {
            throw new IllegalStateException("Cassandra is not running on this node: start it first");
        }
        List<String> keyspaces = KeyspaceSelection.select(request.keyspaces(), node.withJmx(CassandraJmx::keyspaces));
        String verb = operation.verb();
        if (keyspaces.isEmpty()) {
            return "no keyspace to " + verb + " (there are only system keyspaces)";
        }
        context.onStop(() -> operation.stop(node));
        int total = keyspaces.size();
        context.progress(progress(total, 0));
        for (int done = 0; done < total; done++) {
            if (context.stopRequested()) {
                throw new JobStoppedException(verb + " stopped after " + done + " of " + total + " keyspaces");
            }
            String keyspace = keyspaces.get(done);
            context.message(verb + " of keyspace '" + keyspace + "' (" + (done + 1) + " of " + total + ")");
            operation.run(node, keyspace, request.tables(), context);
            if (context.stopRequested()) {
                throw new JobStoppedException(verb + " stopped during keyspace '" + keyspace + "' (" + done + " of "
                        + total + " keyspaces done)");
            }
            context.progress(progress(total, done + 1));
        }
        return verb + " done for " + total + (total == 1 ? " keyspace: " : " keyspaces: ")
                + String.join(", ", keyspaces);
    }

    private static JobProgress progress(int total, int done) {
        return new JobProgress(total, done, 0, 0, 0);
    }
}
