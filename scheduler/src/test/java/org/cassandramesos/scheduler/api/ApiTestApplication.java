package org.cassandramesos.scheduler.api;

import com.google.inject.Module;
import com.google.inject.Scopes;
import com.google.inject.util.Modules;
import io.dropwizard.core.setup.Environment;
import java.util.List;
import org.cassandramesos.scheduler.SchedulerApplication;
import org.cassandramesos.scheduler.SchedulerConfiguration;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.cassandramesos.scheduler.plan.PlanManager;

/**
 * The real scheduler app with its Mesos side ({@link PlanManager}, {@link NodeOperations}) replaced by test doubles,
 * and a count of the resource methods it ran ({@link #handlerCalls()}).
 */
public class ApiTestApplication extends SchedulerApplication {
    private final HandlerCalls handlerCalls = new HandlerCalls();

    @Override
    public void run(SchedulerConfiguration configuration, Environment environment) {
        super.run(configuration, environment);
        environment.jersey().register(handlerCalls);
    }

    public HandlerCalls handlerCalls() {
        return handlerCalls;
    }

    @Override
    protected Module mesosModule(
            ConfigVersion target, List<String> configErrors, SchedulerConfiguration configuration) {
        return Modules.override(super.mesosModule(target, configErrors, configuration))
                .with(binder -> {
                    binder.bind(PlanManager.class).to(TestPlanManager.class);
                    binder.bind(TestPlanManager.class).in(Scopes.SINGLETON);
                    binder.bind(NodeOperations.class).to(TestNodeOperations.class);
                    binder.bind(TestNodeOperations.class).in(Scopes.SINGLETON);
                });
    }
}
