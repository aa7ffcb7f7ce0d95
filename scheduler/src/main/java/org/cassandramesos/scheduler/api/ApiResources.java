package org.cassandramesos.scheduler.api;

import com.google.inject.Injector;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.cassandramesos.scheduler.ops.NodeApiClient;
import org.cassandramesos.scheduler.ops.NodeLifecycle;
import org.cassandramesos.scheduler.backup.BackupAccess;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.cassandramesos.scheduler.ops.OperationManager;
import org.cassandramesos.scheduler.state.ConfigStore;
import org.cassandramesos.scheduler.state.TaskStore;

/**
 * Every resource of the scheduler's REST API, in one place so that the app and its contract test serve
 * the same routes. Plan and node resources need the Mesos side's {@link org.cassandramesos.scheduler.plan.PlanManager} and
 * {@link NodeOperations} bound in the injector.
 */
public final class ApiResources {

    /** The backups routes ({@code /v1/backups}) on the configured location; they answer 503 while there is none. */
    public static void registerBackups(JerseyEnvironment jersey, BackupAccess backups,
            java.util.function.Supplier<java.util.Optional<String>> runningBackup) {
        jersey.register(new BackupUnavailableMapper());
        jersey.register(new BackupProblemMapper());
        jersey.register(new BackupsResource(backups, runningBackup));
    }

    private ApiResources() {}

    /**
     * An uninstalling scheduler's routes: its plan (as {@code deploy}, 202 until COMPLETE), the framework id Cosmos
     * reads, the docs and readiness (ready as soon as it runs, so Marathon's deployment ends and Cosmos polls the plan).
     * Every other route is unknown (404, after authentication like any path).
     */
    public static void registerUninstall(JerseyEnvironment jersey, org.cassandramesos.scheduler.plan.PlanManager plans,
            java.util.function.Supplier<java.util.Optional<String>> frameworkId) {
        jersey.register(new StateUnavailableMapper());
        jersey.register(new ApiBodyLimits.TooLargeMapper());
        jersey.register(new DocsResource());
        jersey.register(new ReadinessResource(() -> true));
        jersey.register(new PlansResource(plans));
        jersey.register(new DeployPlanAliasResource(plans));
        jersey.register(new FrameworkIdResource(frameworkId));
    }

    public static void register(JerseyEnvironment jersey, Injector injector) {
        OperationManager operations = injector.getInstance(OperationManager.class);
        jersey.register(new StateUnavailableMapper());
        jersey.register(new ApiBodyLimits.TooLargeMapper());
        jersey.register(new DocsResource());
        jersey.register(injector.getInstance(ReadinessResource.class));
        jersey.register(injector.getInstance(ConfigResource.class));
        jersey.register(injector.getInstance(ConnectionResource.class));
        jersey.register(injector.getInstance(SeedsResource.class));
        jersey.register(injector.getInstance(PlansResource.class));
        jersey.register(injector.getInstance(DeployPlanAliasResource.class));
        org.cassandramesos.scheduler.state.FrameworkStore frameworks =
                injector.getInstance(org.cassandramesos.scheduler.state.FrameworkStore.class);
        jersey.register(new FrameworkIdResource(() -> frameworks.get().map(id -> id.getValue())));
        jersey.register(new NodesResource(injector.getInstance(TaskStore.class), injector.getInstance(ConfigStore.class),
                injector.getInstance(NodeOperations.class), new NodeStatusProxy(injector.getInstance(NodeApiClient.class)),
                injector.getInstance(NodeLifecycle.class)));
        jersey.register(new OperationsResource(operations));
        jersey.register(new BackupQueuesResource(operations));
    }
}
