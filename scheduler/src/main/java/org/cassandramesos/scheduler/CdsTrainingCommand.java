package org.cassandramesos.scheduler;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Environment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cassandramesos.scheduler.api.ApiResources;
import org.cassandramesos.scheduler.api.StandbyGate;
import org.cassandramesos.scheduler.api.ZooKeeperGate;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.mesos.FrameworkInfos;
import org.cassandramesos.scheduler.state.StateRoot;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cassandra-scheduler cds-training [scheduler.yml]}: the build's training run for the scheduler's class-data
 * archive (AppCDS, {@code lib/scheduler.jsa}, made by the launcher with {@code -XX:ArchiveClassesAtExit}). It goes
 * through what a start goes through before and after the election, without ZooKeeper or Mesos: Dropwizard's bootstrap
 * and config, a ZooKeeper client that never connects, the API and admin servers started on their ports (port 0 in the
 * build) and asked once each, the Guice wiring of state and Mesos side, a Mesos call built; then the JVM exits and
 * writes the archive. A start with the archive maps those classes instead of loading, verifying and linking them.
 */
final class CdsTrainingCommand extends ServerCommand<SchedulerConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(CdsTrainingCommand.class);

    CdsTrainingCommand(SchedulerApplication scheduler) {
        super(
                new TrainingApplication(scheduler),
                "cds-training",
                "Build only: loads the classes a start loads (no ZooKeeper, no Mesos) and exits, for the class-data archive");
    }

    @Override
    protected void run(Environment environment, Namespace namespace, SchedulerConfiguration configuration)
            throws Exception {
        Server server = configuration.getServerFactory().build(environment);
        server.start();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            for (Connector connector : server.getConnectors()) {
                int port = ((ServerConnector) connector).getLocalPort();
                // the API (a standby's 503 through the gates) and the admin port's health check
                for (String path : List.of("/v1/plans/deploy", "/healthcheck")) {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    LOG.info("cds-training: GET {} on port {}: {}", path, port, response.statusCode());
                }
            }
        } finally {
            server.stop();
        }
        LOG.info("cds-training: done; the JVM writes the class-data archive as it exits");
        // the archive is written at exit; a lingering non-daemon thread of a library must not keep the build waiting
        System.exit(0);
    }

    /** The part of {@link SchedulerApplication#run} that needs neither ZooKeeper nor Mesos, on the same classes. */
    private static final class TrainingApplication extends Application<SchedulerConfiguration> {
        private final SchedulerApplication scheduler;

        TrainingApplication(SchedulerApplication scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void run(SchedulerConfiguration configuration, Environment environment) throws Exception {
            ServiceConfig service = configuration.getService();
            SchedulerApplication.requireClusterSecrets(configuration, service);
            LOG.info("cds-training: Mesos authentication {}", configuration.frameworkAuthentication());
            // a client that never connects (nothing listens on port 1): Curator's and ZooKeeper's client classes
            CuratorFramework zookeeper = CuratorFrameworkFactory.builder()
                    .connectString("127.0.0.1:1")
                    .sessionTimeoutMs(4000)
                    .connectionTimeoutMs(1000)
                    .retryPolicy(new RetryOneTime(100))
                    .aclProvider(configuration.zookeeperAccess().aclProvider())
                    .build();
            zookeeper.start();
            try {
                StateRoot root = StateRoot.of(service.serviceName());
                Injector base = Guice.createInjector(new SchedulerModule(service, zookeeper, root));
                ConfigVersion target = ConfigVersion.fresh(service);
                base.createChildInjector(scheduler.mesosModule(target, List.of(), configuration));
                Call.newBuilder()
                        .setType(Call.Type.SUBSCRIBE)
                        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(FrameworkInfos.of(service)))
                        .build()
                        .toByteArray();
            } finally {
                zookeeper.close();
            }
            SchedulerApplication.serveApi(configuration, environment);
            environment.jersey().register(new StandbyGate(() -> false));
            environment.jersey().register(new ZooKeeperGate(() -> true));
            ApiResources.register(environment.jersey(), () -> {
                throw new IllegalStateException("cds-training: no state");
            });
        }
    }
}
