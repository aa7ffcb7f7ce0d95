package org.cassandramesos.mesos.executor;

import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.executor.Protos.Event;

/** An executor written against events, not HTTP. Callbacks come from one thread, in stream order. */
public interface Executor {
    void subscribed(ExecutorDriver driver, Event.Subscribed subscribed);

    void launch(ExecutorDriver driver, TaskInfo task);

    /** Kill the task within {@code policy}'s grace period (if any) and send a terminal update. */
    void kill(ExecutorDriver driver, TaskID taskId, KillPolicy policy);

    void message(ExecutorDriver driver, byte[] data);

    /** Kill every task, send terminal updates, and return; the client exits once they are acknowledged. */
    void shutdown(ExecutorDriver driver);

    void error(ExecutorDriver driver, String message);
}
