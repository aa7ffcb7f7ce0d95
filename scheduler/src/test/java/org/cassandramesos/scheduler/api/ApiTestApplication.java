package org.cassandramesos.scheduler.api;

import com.google.inject.Module;
import com.google.inject.Scopes;
import com.google.inject.util.Modules;
import org.apache.curator.framework.CuratorFramework;
import org.cassandramesos.scheduler.SchedulerApplication;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.cassandramesos.scheduler.plan.PlanManager;

/** The real scheduler app with its Mesos side ({@link PlanManager}, {@link NodeOperations}) replaced by test doubles. */
public class ApiTestApplication extends SchedulerApplication {
    @Override
    protected Module modules(ServiceConfig service, CuratorFramework zookeeper) {
        return Modules.override(super.modules(service, zookeeper)).with(binder -> {
            binder.bind(PlanManager.class).to(TestPlanManager.class);
            binder.bind(TestPlanManager.class).in(Scopes.SINGLETON);
            binder.bind(NodeOperations.class).to(TestNodeOperations.class);
            binder.bind(TestNodeOperations.class).in(Scopes.SINGLETON);
        });
    }
}
