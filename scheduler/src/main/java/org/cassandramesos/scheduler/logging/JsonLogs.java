package org.cassandramesos.scheduler.logging;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.LoggingFactory;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.json.AccessAttribute;
import io.dropwizard.logging.json.AccessJsonLayoutBaseFactory;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code LOG_FORMAT=json}: every appender of the application log and of the API request log that has no layout of
 * its own gets Dropwizard's JSON layout, one event per line. Request log lines carry the request id
 * ({@code X-Request-Id}, set on every response by Jersey's {@code RequestIdFilter}) and never a request header, query
 * parameter or body, so an {@code Authorization} token cannot reach the log.
 */
public final class JsonLogs {
    /** The response header holding the request id; a caller's own X-Request-Id (a UUID) is kept. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** What an API request line says: no request headers, parameters or bodies. */
    static final EnumSet<AccessAttribute> REQUEST_LINE = EnumSet.of(
            AccessAttribute.TIMESTAMP,
            AccessAttribute.METHOD,
            AccessAttribute.REQUEST_URI,
            AccessAttribute.PROTOCOL,
            AccessAttribute.STATUS_CODE,
            AccessAttribute.CONTENT_LENGTH,
            AccessAttribute.REQUEST_TIME,
            AccessAttribute.REMOTE_ADDRESS,
            AccessAttribute.USER_AGENT);

    private JsonLogs() {}

    public static void apply(LoggingFactory logging) {
        if (logging instanceof DefaultLoggingFactory factory) {
            factory.getAppenders().forEach(appender -> layOut(appender, eventLayout()));
        }
    }

    public static void apply(ServerFactory server) {
        if (server instanceof AbstractServerFactory factory
                && factory.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory requests) {
            requests.getAppenders().forEach(appender -> layOut(appender, accessLayout()));
        }
    }

    public static EventJsonLayoutBaseFactory eventLayout() {
        return new EventJsonLayoutBaseFactory();
    }

    public static AccessJsonLayoutBaseFactory accessLayout() {
        AccessJsonLayoutBaseFactory layout = new AccessJsonLayoutBaseFactory();
        layout.setIncludes(EnumSet.copyOf(REQUEST_LINE));
        layout.setRequestHeaders(Set.of());
        layout.setRequestAttributes(Set.of());
        layout.setResponseHeaders(Set.of(REQUEST_ID_HEADER));
        return layout;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void layOut(AppenderFactory<?> appender, Object layout) {
        // an appender an operator gave a layout in a config file keeps it
        if (appender instanceof AbstractAppenderFactory factory && factory.getLayout() == null) {
            factory.setLayout((DiscoverableLayoutFactory) layout);
        }
    }
}
