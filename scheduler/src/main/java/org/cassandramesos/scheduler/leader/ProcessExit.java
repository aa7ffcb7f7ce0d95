package org.cassandramesos.scheduler.leader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the scheduler process when it must stop acting for good (leadership lost, the master's ERROR). Marathon, or
 * local mode's supervisor, starts it again. Tests replace it.
 */
@FunctionalInterface
public interface ProcessExit {
    /** Exit codes, so that an operator reading Marathon's task history can tell the causes apart. */
    int FAILED_OVER = 0;

    int FAILURE = 1;
    int FRAMEWORK_REMOVED = 3;
    int LEADERSHIP_LOST = 4;

    void exit(int code);

    /**
     * {@link System#exit} from a thread of its own: the caller may be a thread that the shutdown (run by the exit)
     * waits for, such as the Mesos stream's.
     */
    static ProcessExit system() {
        Logger log = LoggerFactory.getLogger(ProcessExit.class);
        return code -> {
            log.info("exiting with code {}", code);
            Thread exit = new Thread(() -> System.exit(code), "scheduler-exit");
            exit.start();
        };
    }
}
