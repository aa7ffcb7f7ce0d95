package org.cassandramesos.executor.jmx;

/** A JMX call to Cassandra failed or timed out; the message says which call and why. */
public class JmxException extends RuntimeException {
    public JmxException(String message, Throwable cause) {
        super(message, cause);
    }

    public JmxException(String message) {
        super(message);
    }
}
