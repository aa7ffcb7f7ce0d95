package org.cassandramesos.executor.api;

import jakarta.ws.rs.core.FeatureContext;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Counts the resource methods the node API ran: a request refused before matching leaves the count unchanged.
 * Jersey registers it in every application of the test classpath (META-INF/services), so the real
 * {@link NodeApiServer} is observed as it is built.
 */
public final class HandlerCalls implements ForcedAutoDiscoverable, ApplicationEventListener {
    private static final AtomicLong STARTED = new AtomicLong();

    static long count() {
        return STARTED.get();
    }

    @Override
    public void configure(FeatureContext context) {
        if (!context.getConfiguration().isRegistered(HandlerCalls.class)) {
            context.register(HandlerCalls.class);
        }
    }

    @Override
    public void onEvent(ApplicationEvent event) {}

    @Override
    public RequestEventListener onRequest(RequestEvent requestEvent) {
        return event -> {
            if (event.getType() == RequestEvent.Type.RESOURCE_METHOD_START) {
                STARTED.incrementAndGet();
            }
        };
    }
}
