package org.cassandramesos.executor.jmx;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@link CassandraJmx} over a JMX connection to the JDK agent Cassandra is started with. Calls go through the
 * MBean names and signatures (cassandra-all is never on the executor's classpath) and each runs with a timeout.
 */
public final class JmxCassandraClient implements CassandraJmx {
    private static final ObjectName STORAGE_SERVICE = name("org.apache.cassandra.db:type=StorageService");
    private static final ObjectName SNITCH = name("org.apache.cassandra.db:type=EndpointSnitchInfo");
    private static final ObjectName COMPACTION_MANAGER = name("org.apache.cassandra.db:type=CompactionManager");
    private static final String[] STRINGS = {String.class.getName(), String[].class.getName()};
    /** Cassandra's ProgressEventType ordinals in repair notifications. */
    private static final int PROGRESS_ERROR = 2;

    private static final int PROGRESS_ABORT = 3;
    private static final int PROGRESS_COMPLETE = 5;

    private final JMXConnector connector;
    private final MBeanServerConnection mbeans;
    private final Duration callTimeout;
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "jmx-call");
        thread.setDaemon(true);
        return thread;
    });

    private JmxCassandraClient(JMXConnector connector, Duration callTimeout) throws IOException {
        this.connector = connector;
        this.mbeans = connector.getMBeanServerConnection();
        this.callTimeout = callTimeout;
    }

    /** Connects to {@code host:port} (registry and server on the same port) and logs in. */
    public static JmxCassandraClient connect(String host, int port, JmxCredentials credentials, Duration callTimeout) {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
        } catch (IOException e) {
            throw new JmxException("bad JMX address " + host + ":" + port, e);
        }
        CompletableFuture<JmxCassandraClient> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return new JmxCassandraClient(
                        JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {
                            credentials.user(), credentials.password()
                        })),
                        callTimeout);
            } catch (IOException e) {
                throw new JmxConnectionException(
                        "cannot connect to JMX at " + host + ":" + port + ": " + e.getMessage(), e);
            }
        });
        try {
            return connecting.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            connecting.thenAccept(JmxCassandraClient::close);
            throw new JmxConnectionException(
                    "JMX connect to " + host + ":" + port + " timed out after " + callTimeout, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof JmxException j
                    ? j
                    : new JmxException("JMX connect failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JmxException("interrupted while connecting to JMX", e);
        }
    }

    @Override
    public NodeStatus status() {
        return call(
                "status",
                callTimeout,
                () -> new NodeStatus(
                        (String) attribute(STORAGE_SERVICE, "OperationMode"),
                        (Boolean) attribute(STORAGE_SERVICE, "Joined"),
                        (Boolean) attribute(STORAGE_SERVICE, "GossipRunning"),
                        (Boolean) attribute(STORAGE_SERVICE, "NativeTransportRunning"),
                        (String) attribute(STORAGE_SERVICE, "LocalHostId"),
                        ((Collection<?>) attribute(STORAGE_SERVICE, "Tokens")).size(),
                        (String) attribute(SNITCH, "Datacenter"),
                        (String) attribute(SNITCH, "Rack"),
                        (String) attribute(STORAGE_SERVICE, "LoadString"),
                        (String) attribute(STORAGE_SERVICE, "ReleaseVersion"),
                        strings(attribute(STORAGE_SERVICE, "LiveNodes")),
                        strings(attribute(STORAGE_SERVICE, "UnreachableNodes"))));
    }

    @Override
    public void drain(Duration timeout) {
        call("drain", timeout, () -> mbeans.invoke(STORAGE_SERVICE, "drain", new Object[0], new String[0]));
    }

    @Override
    public void takeSnapshot(String tag, List<String> keyspaces) {
        call(
                "takeSnapshot " + tag,
                callTimeout,
                () -> mbeans.invoke(
                        STORAGE_SERVICE,
                        "takeSnapshot",
                        new Object[] {tag, new HashMap<String, String>(), keyspaces.toArray(String[]::new)},
                        new String[] {String.class.getName(), Map.class.getName(), String[].class.getName()}));
    }

    @Override
    public void clearSnapshot(String tag, List<String> keyspaces) {
        call(
                "clearSnapshot " + tag,
                callTimeout,
                () -> mbeans.invoke(
                        STORAGE_SERVICE,
                        "clearSnapshot",
                        new Object[] {tag, keyspaces.toArray(String[]::new)},
                        STRINGS));
    }

    @Override
    public List<SnapshotDetail> listSnapshots() {
        return call("getSnapshotDetails", callTimeout, () -> {
            @SuppressWarnings("unchecked")
            Map<String, TabularData> details = (Map<String, TabularData>) mbeans.invoke(
                    STORAGE_SERVICE, "getSnapshotDetails", new Object[] {new HashMap<String, String>()}, new String[] {
                        Map.class.getName()
                    });
            List<SnapshotDetail> result = new ArrayList<>();
            for (TabularData table : details.values()) {
                for (Object row : table.values()) {
                    CompositeData data = (CompositeData) row;
                    result.add(new SnapshotDetail(
                            item(data, "Snapshot name"),
                            item(data, "Keyspace name"),
                            item(data, "Column family name"),
                            item(data, "True size"),
                            item(data, "Size on disk"),
                            item(data, "Creation time")));
                }
            }
            return result;
        });
    }

    @Override
    public CompletableFuture<RepairOutcome> repair(String keyspace, Map<String, String> options) {
        RepairListener listener = new RepairListener();
        return call("repairAsync " + keyspace, callTimeout, () -> {
            // Listen before starting so no notification is missed.
            mbeans.addNotificationListener(STORAGE_SERVICE, listener, null, null);
            int command;
            try {
                command = (Integer) mbeans.invoke(
                        STORAGE_SERVICE, "repairAsync", new Object[] {keyspace, new HashMap<>(options)}, new String[] {
                            String.class.getName(), Map.class.getName()
                        });
            } catch (Exception e) {
                mbeans.removeNotificationListener(STORAGE_SERVICE, listener);
                throw e;
            }
            listener.watch(command);
            return listener.outcome.whenComplete((outcome, error) -> {
                try {
                    mbeans.removeNotificationListener(STORAGE_SERVICE, listener);
                } catch (Exception ignored) {
                    // The connection may be gone: the listener goes with it.
                }
            });
        });
    }

    @Override
    public void cleanup(String keyspace, List<String> tables, Duration timeout) {
        int status = call("forceKeyspaceCleanup " + keyspace, timeout, () -> (Integer) mbeans.invoke(
                STORAGE_SERVICE,
                "forceKeyspaceCleanup",
                new Object[] {1, keyspace, tables.toArray(String[]::new)},
                new String[] {int.class.getName(), String.class.getName(), String[].class.getName()}));
        if (status != 0) {
            throw new JmxException("cleanup of " + keyspace + " failed with status " + status
                    + (status == 2 ? " (another operation is running on the table)" : ""));
        }
    }

    @Override
    public void upgradeSSTables(String keyspace, List<String> tables, Duration timeout) {
        // keyspace, skipIfCurrentVersion, maxSSTableTimestamp (no limit), jobs (0: as many as compaction allows),
        // tables
        int status = call("upgradeSSTables " + keyspace, timeout, () -> (Integer) mbeans.invoke(
                STORAGE_SERVICE,
                "upgradeSSTables",
                new Object[] {keyspace, true, Long.MAX_VALUE, 0, tables.toArray(String[]::new)},
                new String[] {
                    String.class.getName(),
                    boolean.class.getName(),
                    long.class.getName(),
                    int.class.getName(),
                    String[].class.getName()
                }));
        if (status != 0) {
            throw new JmxException("upgradesstables of " + keyspace + " failed with status " + status
                    + (status == 2 ? " (another operation is running on the table)" : ""));
        }
    }

    @Override
    public List<String> keyspaces() {
        return call("Keyspaces", callTimeout, () -> strings(attribute(STORAGE_SERVICE, "Keyspaces")));
    }

    @Override
    public void terminateRepairs() {
        call(
                "forceTerminateAllRepairSessions",
                callTimeout,
                () -> mbeans.invoke(STORAGE_SERVICE, "forceTerminateAllRepairSessions", new Object[0], new String[0]));
    }

    @Override
    public void stopCompactions(String operationType) {
        call(
                "stopCompaction " + operationType,
                callTimeout,
                () -> mbeans.invoke(COMPACTION_MANAGER, "stopCompaction", new Object[] {operationType}, new String[] {
                    String.class.getName()
                }));
    }

    @Override
    public void flush(String keyspace, List<String> tables) {
        call(
                "forceKeyspaceFlush " + keyspace,
                callTimeout,
                () -> mbeans.invoke(
                        STORAGE_SERVICE,
                        "forceKeyspaceFlush",
                        new Object[] {keyspace, tables.toArray(String[]::new)},
                        STRINGS));
    }

    @Override
    public void refresh(String keyspace, String table) {
        call(
                "loadNewSSTables " + keyspace + "." + table,
                callTimeout,
                () -> mbeans.invoke(STORAGE_SERVICE, "loadNewSSTables", new Object[] {keyspace, table}, new String[] {
                    String.class.getName(), String.class.getName()
                }));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> importSSTables(String keyspace, String table, Set<String> sourceDirs, Duration timeout) {
        ObjectName tableMBean = name("org.apache.cassandra.db:type=Tables,keyspace=" + keyspace + ",table=" + table);
        String bool = boolean.class.getName();
        // srcPaths, resetLevel, clearRepaired, verifySSTables, verifyTokens, invalidateCaches, extendedVerify, copyData
        return call(
                "importNewSSTables " + keyspace + "." + table,
                timeout,
                () -> List.copyOf((List<String>) mbeans.invoke(
                        tableMBean,
                        "importNewSSTables",
                        new Object[] {new java.util.HashSet<>(sourceDirs), true, false, true, true, true, false, true},
                        new String[] {Set.class.getName(), bool, bool, bool, bool, bool, bool, bool})));
    }

    @Override
    public void decommission(boolean force, Duration timeout) {
        call(
                "decommission",
                timeout,
                () -> mbeans.invoke(
                        STORAGE_SERVICE, "decommission", new Object[] {force}, new String[] {boolean.class.getName()}));
    }

    @Override
    public Map<String, String> hostIdsByAddress() {
        return call("EndpointToHostId", callTimeout, () -> {
            Map<String, String> byAddress = new java.util.TreeMap<>();
            ((Map<?, ?>) attribute(STORAGE_SERVICE, "EndpointToHostId"))
                    .forEach((endpoint, hostId) ->
                            byAddress.put(endpoint.toString().replaceFirst("^[^/]*/", ""), hostId.toString()));
            return byAddress;
        });
    }

    @Override
    public void removeNode(String hostId, Duration timeout) {
        call(
                "removeNode " + hostId,
                timeout,
                () -> mbeans.invoke(
                        STORAGE_SERVICE, "removeNode", new Object[] {hostId}, new String[] {String.class.getName()}));
    }

    @Override
    public void close() {
        calls.shutdownNow();
        try {
            connector.close();
        } catch (IOException ignored) {
            // Closing a dead connection: nothing left to release.
        }
    }

    private Object attribute(ObjectName mbean, String attribute) throws Exception {
        return mbeans.getAttribute(mbean, attribute);
    }

    private <T> T call(String what, Duration timeout, Callable<T> call) {
        Future<T> future = calls.submit(call);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new JmxException("JMX " + what + " timed out after " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                // The call did not reach Cassandra or its answer did not come back (MBean errors are not IOExceptions).
                throw new JmxConnectionException("JMX " + what + " failed: " + describe(cause), cause);
            }
            throw new JmxException("JMX " + what + " failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new JmxException("interrupted during JMX " + what, e);
        }
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error) : error + " (caused by " + root + ")";
    }

    private static List<String> strings(Object list) {
        List<String> result = new ArrayList<>();
        for (Object item : (Collection<?>) list) {
            result.add(String.valueOf(item));
        }
        return result;
    }

    private static String item(CompositeData data, String key) {
        return data.containsKey(key) ? String.valueOf(data.get(key)) : "";
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    /** Collects one repair command's progress notifications (source {@code repair:<n>}, type {@code progress}). */
    private static final class RepairListener implements NotificationListener {
        final CompletableFuture<RepairOutcome> outcome = new CompletableFuture<>();
        private final List<Notification> early = new ArrayList<>();
        private final List<String> messages = new ArrayList<>();
        private boolean failed;
        private int command = -1;

        synchronized void watch(int command) {
            if (command <= 0) {
                outcome.complete(new RepairOutcome(command, true, List.of("nothing to repair")));
                return;
            }
            this.command = command;
            early.forEach(this::accept);
            early.clear();
        }

        @Override
        public synchronized void handleNotification(Notification notification, Object handback) {
            if (!"progress".equals(notification.getType())) {
                return;
            }
            if (command < 0) {
                early.add(notification);
            } else {
                accept(notification);
            }
        }

        private void accept(Notification notification) {
            if (!("repair:" + command).equals(String.valueOf(notification.getSource()))) {
                return;
            }
            messages.add(notification.getMessage());
            Object userData = notification.getUserData();
            int type = userData instanceof Map<?, ?> data && data.get("type") instanceof Integer t ? t : -1;
            if (type == PROGRESS_ERROR || type == PROGRESS_ABORT) {
                failed = true;
            }
            if (type == PROGRESS_COMPLETE) {
                outcome.complete(new RepairOutcome(command, !failed, messages));
            }
        }
    }
}
