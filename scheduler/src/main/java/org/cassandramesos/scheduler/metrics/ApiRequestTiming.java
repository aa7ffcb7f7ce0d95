package org.cassandramesos.scheduler.metrics;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every API request for {@link ApiMetrics}: starts the clock before anything else (authentication included) and
 * records the answer with the route template Jersey matched, if any.
 */
@PreMatching
@Priority(1)
public final class ApiRequestTiming implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = ApiRequestTiming.class.getName() + ".started";

    private final ApiMetrics metrics;

    public ApiRequestTiming(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        long nanos = started instanceof Long t ? System.nanoTime() - t : 0;
        metrics.answered(request.getMethod(), route(request), response.getStatus(), nanos);
    }

    /** The matched templates, outermost first ({@code /v1/nodes} + {@code /{node}/info}); empty if none matched. */
    static String route(ContainerRequestContext request) {
        if (!(request.getUriInfo() instanceof ExtendedUriInfo info)) {
            return "";
        }
        List<UriTemplate> templates = info.getMatchedTemplates();
        if (templates == null || templates.isEmpty() || info.getMatchedResourceMethod() == null) {
            return "";
        }
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            String part = templates.get(i).getTemplate();
            if (part.isEmpty() || part.equals("/")) {
                continue;
            }
            if (route.length() == 0 || route.charAt(route.length() - 1) != '/') {
                if (!part.startsWith("/")) {
                    route.append('/');
                }
            } else if (part.startsWith("/")) {
                part = part.substring(1);
            }
            route.append(part);
        }
        return route.toString();
    }
}
