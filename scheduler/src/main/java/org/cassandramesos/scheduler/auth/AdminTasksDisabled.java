package org.cassandramesos.scheduler.auth;

import io.dropwizard.core.setup.AdminEnvironment;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;

/**
 * Dropwizard's admin tasks ({@code POST /tasks/log-level}, {@code /tasks/gc}) change the running process with no
 * authentication; nothing here needs them, so the admin port answers 404 under {@code /tasks}. The admin port keeps
 * its read-only pages ({@code /healthcheck}, {@code /ping}, {@code /metrics}, {@code /threads}) and listens on
 * loopback by default ({@code ADMIN_BIND_HOST}).
 */
public final class AdminTasksDisabled implements Filter {

    public static void apply(AdminEnvironment admin) {
        admin.addFilter("admin-tasks-disabled", new AdminTasksDisabled())
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/tasks", "/tasks/*");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) {
        ((HttpServletResponse) response).setStatus(HttpServletResponse.SC_NOT_FOUND);
    }
}
