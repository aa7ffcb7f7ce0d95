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
        jersey.register(new NodesResource(injector.getInstance(TaskStore.class), injector.getInstance(ConfigStore.class),
                injector.getInstance(NodeOperations.class), new NodeStatusProxy(injector.getInstance(NodeApiClient.class)),
                injector.getInstance(NodeLifecycle.class)));
        jersey.register(new OperationsResource(operations));
        jersey.register(new BackupQueuesResource(operations));
    }
}
