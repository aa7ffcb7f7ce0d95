package org.cassandramesos.scheduler.api;

import com.google.inject.Injector;
import com.google.inject.Key;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.cassandramesos.scheduler.plan.PlanManager;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every resource of the scheduler's REST API, in one place so that the app and its contract test serve
 * the same routes. Plan and node resources need the Mesos side's {@link PlanManager} and
 * {@link NodeOperations} bound in the injector.
 */
public final class ApiResources {
    private static final Logger LOG = LoggerFactory.getLogger(ApiResources.class);

    private ApiResources() {}

    public static void register(JerseyEnvironment jersey, Injector injector, NodeStatusProxy statusProxy) {
        jersey.register(new StateUnavailableMapper());
        jersey.register(new DocsResource());
        jersey.register(injector.getInstance(ConfigResource.class));
        jersey.register(injector.getInstance(ConnectionResource.class));
        jersey.register(injector.getInstance(SeedsResource.class));
        if (!isBound(injector, PlanManager.class) || !isBound(injector, NodeOperations.class)) {
            // only until the Mesos side is wired in (it binds both); then these routes are always served
            LOG.error("no PlanManager/NodeOperations bound: the /v1/plans, /v1/plan and /v1/nodes routes are not served");
            return;
        }
        jersey.register(injector.getInstance(PlansResource.class));
        jersey.register(injector.getInstance(DeployPlanAliasResource.class));
        jersey.register(new NodesResource(injector.getInstance(TaskStore.class), injector.getInstance(ConfigStore.class),
                injector.getInstance(NodeOperations.class), statusProxy));
    }

    private static boolean isBound(Injector injector, Class<?> type) {
        return injector.getExistingBinding(Key.get(type)) != null;
    }
}
