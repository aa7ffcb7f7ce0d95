package org.cassandramesos.executor.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.ext.ContextResolver;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import org.cassandramesos.apibounds.JsonErrorHandler;
import org.cassandramesos.apibounds.RequestBodyLimit;
import org.cassandramesos.executor.backup.BackupSource;
import org.cassandramesos.executor.jobs.NodeJobs;
import org.cassandramesos.executor.lifecycle.CassandraVerbs;
import org.cassandramesos.executor.node.CassandraNode;
import org.cassandramesos.protocol.TaskData;
import org.cassandramesos.tls.TlsMaterial;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** The node HTTP API (Jersey on embedded Jetty), bound to the node's IP only. */
public final class NodeApiServer implements AutoCloseable {
    private final Server server;

    private NodeApiServer(Server server) {
        this.server = server;
    }

    /** The request body bound when none is configured: 1 MiB (job requests and XML documents are a few KiB). */
    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 1024 * 1024;

    /** Starts serving on {@code ip:port} (port 0 picks a free one) the lifecycle, jobs and status of the node. */
    public static NodeApiServer start(CassandraVerbs lifecycle, NodeJobs jobs, String ip, int port, String token)
            throws Exception {
        return start(lifecycle, jobs, ip, port, token, Optional.empty(), DEFAULT_MAX_REQUEST_BODY_BYTES);
    }

    /** As above; with {@code tls}, HTTPS only, with the node's certificate (which names its IP). */
    public static NodeApiServer start(
            CassandraVerbs lifecycle, NodeJobs jobs, String ip, int port, String token, Optional<TlsMaterial> tls)
            throws Exception {
        return start(lifecycle, jobs, ip, port, token, tls, DEFAULT_MAX_REQUEST_BODY_BYTES);
    }

    /** As above, plain HTTP, with every request body bounded to {@code maxBodyBytes}. */
    public static NodeApiServer start(
            CassandraVerbs lifecycle, NodeJobs jobs, String ip, int port, String token, long maxBodyBytes)
            throws Exception {
        return start(lifecycle, jobs, ip, port, token, Optional.empty(), maxBodyBytes);
    }

    /**
     * {@code MAX_REQUEST_BODY_KB} from the executor's environment (the scheduler's setting of the same name),
     * else {@link #DEFAULT_MAX_REQUEST_BODY_BYTES}.
     */
    public static long maxRequestBodyBytes(java.util.Map<String, String> env) {
        String kb = env.get("MAX_REQUEST_BODY_KB");
        if (kb == null || kb.isBlank()) {
            return DEFAULT_MAX_REQUEST_BODY_BYTES;
        }
        try {
            long value = Long.parseLong(kb.trim());
            if (value >= 1) {
                return value * 1024;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException("MAX_REQUEST_BODY_KB must be a whole number of KiB, at least 1");
    }

    /**
     * Serves the node API on {@code ip:port}: HTTPS only with {@code tls}, every request body bounded to
     * {@code maxBodyBytes}.
     */
    public static NodeApiServer start(
            CassandraVerbs lifecycle,
            NodeJobs jobs,
            String ip,
            int port,
            String token,
            Optional<TlsMaterial> tls,
            long maxBodyBytes)
            throws Exception {
        return start(lifecycle, jobs, ip, port, token, tls, maxBodyBytes, Optional.empty());
    }

    /** As above; seed 000's {@code POST /restore} also restores backups from {@code backups}, the configured location. */
    public static NodeApiServer start(
            CassandraVerbs lifecycle,
            NodeJobs jobs,
            String ip,
            int port,
            String token,
            Optional<TlsMaterial> tls,
            long maxBodyBytes,
            Optional<BackupSource> backups)
            throws Exception {
        ResourceConfig resources = resources(lifecycle, jobs, token, backups);
        Server server = new Server();
        ServerConnector connector = tls.isPresent() ? httpsConnector(server, tls.get()) : new ServerConnector(server);
        connector.setHost(ip);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        // every body bounded before the token check and the resources: 413 on Content-Length, or while reading
        context.addFilter(
                new FilterHolder(
                        RequestBodyLimit.everywhere(new RequestBodyLimit.Limit(maxBodyBytes, "MAX_REQUEST_BODY_KB"))),
                "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new ServletContainer(resources)), "/*");
        context.setErrorHandler(new JsonErrorHandler()); // what Jetty itself refuses answers JSON too
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(context);
        server.setStopTimeout(2000);
        server.start();
        return new NodeApiServer(server);
    }

    /** What the API serves (api-spec/node-api.yaml specifies it; NodeApiContractTest keeps the two equal). */
    static ResourceConfig resources(CassandraVerbs lifecycle, NodeJobs jobs, String token) {
        return resources(lifecycle, jobs, token, Optional.empty());
    }

    static ResourceConfig resources(
            CassandraVerbs lifecycle, NodeJobs jobs, String token, Optional<BackupSource> backups) {
        CassandraNode node = lifecycle.node();
        return new ResourceConfig()
                .register(new TokenAuthFilter(token))
                .register(FormByDefault.class)
                .register(ErrorMapper.class)
                .register(new LegacyXmlResource(lifecycle, jobs, backups))
                .register(new NodeStatusResource(node))
                .register(new LifecycleResource(lifecycle))
                .register(new JobsResource(jobs))
                .register(new NodeMetricsResource(new org.cassandramesos.executor.metrics.ExecutorMetrics(jobs)))
                .register(new NodeDocsResource())
                .register(JacksonFeature.withoutExceptionMappers())
                .register((ContextResolver<ObjectMapper>) type -> TaskData.mapper());
    }

    private static ServerConnector httpsConnector(Server server, TlsMaterial tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.sslContext());
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(new SecureRequestCustomizer());
        return new ServerConnector(
                server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
    }

    public URI uri() {
        ServerConnector connector = (ServerConnector) server.getConnectors()[0];
        String scheme = connector.getDefaultProtocol().startsWith("SSL") ? "https" : "http";
        return URI.create(
                scheme + "://" + new InetSocketAddress(connector.getHost(), connector.getLocalPort()).getHostString()
                        + ":" + connector.getLocalPort() + "/");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the node API server did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
