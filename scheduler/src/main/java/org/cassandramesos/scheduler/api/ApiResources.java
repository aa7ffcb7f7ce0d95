package org.cassandramesos.scheduler.api;

import com.google.inject.Injector;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.lang.reflect.Constructor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.cassandramesos.scheduler.backup.BackupAccess;
import org.cassandramesos.scheduler.ops.NodeApiClient;
import org.cassandramesos.scheduler.ops.NodeOperations;
import org.glassfish.hk2.api.Factory;
import org.glassfish.hk2.utilities.binding.AbstractBinder;

/**
 * Every resource of the scheduler's REST API, in one place so that the app and its contract test serve
 * the same routes. Plan and node resources need the Mesos side's {@link org.cassandramesos.scheduler.plan.PlanManager} and
 * {@link NodeOperations} bound in the injector.
 */
public final class ApiResources {

    /** The backups routes ({@code /v1/backups}) on the configured location; they answer 503 while there is none. */
    public static void registerBackups(
            JerseyEnvironment jersey,
            BackupAccess backups,
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
    public static void registerUninstall(
            JerseyEnvironment jersey,
            org.cassandramesos.scheduler.plan.PlanManager plans,
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
        register(jersey, () -> injector);
    }

    /**
     * Registers every resource class now; their dependencies come from {@code injector} when a request first needs
     * them: a standby has no injector yet (the {@link StandbyGate} answers for it) and builds it only once elected.
     */
    public static void register(JerseyEnvironment jersey, Supplier<Injector> injector) {
        jersey.register(new StateUnavailableMapper());
        jersey.register(new ApiBodyLimits.TooLargeMapper());
        jersey.register(new DocsResource());
        List<Class<?>> resources = List.of(
                ReadinessResource.class,
                ConfigResource.class,
                ConfigValidationResource.class,
                ConnectionResource.class,
                SeedsResource.class,
                PlansResource.class,
                DeployPlanAliasResource.class,
                NodesResource.class,
                OperationsResource.class,
                BackupQueuesResource.class);
        Map<Class<?>, Supplier<?>> made = Map.of(
                NodeStatusProxy.class, () -> new NodeStatusProxy(injector.get().getInstance(NodeApiClient.class)));
        Set<Class<?>> dependencies = new LinkedHashSet<>();
        for (Class<?> resource : resources) {
            jersey.register(resource);
            for (Constructor<?> constructor : resource.getConstructors()) {
                if (constructor.isAnnotationPresent(jakarta.inject.Inject.class)) {
                    dependencies.addAll(List.of(constructor.getParameterTypes()));
                }
            }
        }
        jersey.register(new AbstractBinder() {
            @Override
            protected void configure() {
                for (Class<?> type : dependencies) {
                    Supplier<?> instance = made.containsKey(type)
                            ? made.get(type)
                            : () -> injector.get().getInstance(type);
                    bridge(this, type, instance);
                }
            }
        });
        jersey.register(new FrameworkIdResource(() -> injector.get()
                .getInstance(org.cassandramesos.scheduler.state.FrameworkStore.class)
                .get()
                .map(id -> id.getValue())));
    }

    /** Jersey creates the resource with {@code type} from {@code instance}, i.e. from the Guice wiring. */
    @SuppressWarnings("unchecked")
    private static <T> void bridge(AbstractBinder binder, Class<T> type, Supplier<?> instance) {
        binder.bindFactory(new Factory<T>() {
                    @Override
                    public T provide() {
                        return (T) instance.get();
                    }

                    @Override
                    public void dispose(T value) {
                        // Guice owns it
                    }
                })
                .to(type);
    }
}
