package org.cassandramesos.scheduler.leader;

/**
 * What an ERROR event from the Mesos master means for this scheduler, from its message (Mesos 1.11, src/master/
 * master.cpp: {@code failoverFramework} sends "Framework failed over" to the connection another subscription
 * replaced; {@code validateFramework} refuses a removed framework's id with "Framework has been removed").
 */
public enum MasterError {
    /** Another instance subscribed with this framework id: it acts now; this one must go quietly. */
    FAILED_OVER,
    /** Mesos tore the framework down (TEARDOWN, or the failover timeout passed): its id is never accepted again. */
    REMOVED,
    /** Any other refusal. */
    OTHER;

    public static MasterError of(String message) {
        String m = message == null ? "" : message.strip();
        if (m.equalsIgnoreCase("Framework failed over")) {
            return FAILED_OVER;
        }
        if (m.equalsIgnoreCase("Framework has been removed")) {
            return REMOVED;
        }
        return OTHER;
    }
}
