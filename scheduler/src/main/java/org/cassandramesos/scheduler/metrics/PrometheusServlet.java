package org.cassandramesos.scheduler.metrics;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The same Prometheus text on the admin port ({@code /prometheus}), beside Dropwizard's JSON {@code /metrics}: for a
 * scraper on the scheduler's host when {@code ADMIN_BIND_HOST} is loopback (the default), or on a network the operator
 * chose for the admin port. Like every admin page it has no authentication.
 */
public final class PrometheusServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient SchedulerMetrics metrics;

    public PrometheusServlet(SchedulerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(metrics.contentType());
        response.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
        metrics.writeTo(response.getOutputStream());
    }
}
