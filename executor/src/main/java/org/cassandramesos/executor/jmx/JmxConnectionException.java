package org.cassandramesos.executor.jmx;

/** The JMX connection itself failed (Cassandra not listening, restarted, network): a reconnect may help. */
public class JmxConnectionException extends JmxException {
    public JmxConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
