package org.cassandramesos.scheduler.api;

import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/** Counts the resource methods Jersey invoked: a request refused before matching leaves the count unchanged. */
public final class HandlerCalls implements ApplicationEventListener {
    private final AtomicLong started = new AtomicLong();

    public long count() {
        return started.get();
    }

    @Override
    public void onEvent(ApplicationEvent event) {}

    @Override
    public RequestEventListener onRequest(RequestEvent requestEvent) {
        return event -> {
            if (event.getType() == RequestEvent.Type.RESOURCE_METHOD_START) {
                started.incrementAndGet();
            }
        };
    }
}
