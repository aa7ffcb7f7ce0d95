package org.cassandramesos.scheduler.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * A {@link Persister} on ZooKeeper through Curator, under the service's {@link StateRoot}.
 * Multi-path writes are one ZooKeeper transaction ({@code multi}), so they are all-or-nothing.
 */
public final class CuratorPersister implements Persister {
    private static final int TRANSACTION_ATTEMPTS = 3;

    private final CuratorFramework client;

    /** {@code client} must be started; everything is stored below the default root of {@code serviceName}. */
    public CuratorPersister(CuratorFramework client, String serviceName) {
        this(client, StateRoot.of(serviceName));
    }

    /** {@code client} must be started; everything is stored below {@code root}. */
    public CuratorPersister(CuratorFramework client, StateRoot root) {
        this.client = client.usingNamespace(root.namespace());
    }

    /**
     * The default ZooKeeper namespace for a service ({@link StateRoot#of}). DC/OS service names may contain folders
     * ({@code /prod/cassandra}); Curator namespaces may not start with a slash, so folders become {@code __}.
     */
    public static String namespace(String serviceName) {
        return StateRoot.of(serviceName).namespace();
    }

    @Override
    public Optional<byte[]> get(String path) {
        Paths.check(path);
        try {
            byte[] value = client.getData().forPath(path);
            return value == null || value.length == 0 ? Optional.empty() : Optional.of(value);
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw failure("read " + path, e);
        }
    }

    @Override
    public void set(String path, byte[] value) {
        Paths.check(path);
        try {
            client.create().orSetData().creatingParentsIfNeeded().forPath(path, value);
        } catch (Exception e) {
            throw failure("write " + path, e);
        }
    }

    @Override
    public void commit(Map<String, byte[]> sets, Collection<String> deletes) {
        sets.keySet().forEach(Paths::check);
        deletes.forEach(Paths::check);
        Exception last = null;
        for (int attempt = 1; attempt <= TRANSACTION_ATTEMPTS; attempt++) {
            try {
                List<CuratorOp> operations = operations(new TreeMap<>(sets), deletes);
                if (!operations.isEmpty()) {
                    client.transaction().forOperations(operations);
                }
                return;
            } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
                last = e; // someone created or deleted a path between our check and the commit: re-plan
            } catch (KeeperException.NotEmptyException e) {
                throw new PersisterException("cannot delete a path with children in a commit", e);
            } catch (Exception e) {
                throw failure("commit " + sets.keySet() + " / delete " + deletes, e);
            }
        }
        throw failure("commit " + sets.keySet() + " after " + TRANSACTION_ATTEMPTS + " attempts", last);
    }

    @Override
    public void delete(String path) {
        Paths.check(path);
        try {
            client.delete().deletingChildrenIfNeeded().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // already gone
        } catch (Exception e) {
            throw failure("delete " + path, e);
        }
    }

    @Override
    public List<String> children(String path) {
        Paths.check(path);
        try {
            List<String> names = new ArrayList<>(client.getChildren().forPath(path));
            names.sort(null);
            return names;
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw failure("list " + path, e);
        }
    }

    /**
     * Plans one transaction: parents are created beforehand (empty, outside the transaction, which is
     * harmless), then each path is a create or a setData depending on whether it exists now.
     */
    private List<CuratorOp> operations(TreeMap<String, byte[]> sets, Collection<String> deletes) throws Exception {
        for (String path : sets.keySet()) {
            String parent = Paths.parent(path);
            if (!"/".equals(parent) && client.checkExists().forPath(parent) == null) {
                try {
                    client.create().creatingParentsIfNeeded().forPath(parent, new byte[0]);
                } catch (KeeperException.NodeExistsException e) {
                    // created meanwhile, fine
                }
            }
        }
        List<CuratorOp> operations = new ArrayList<>(sets.size() + deletes.size());
        for (Map.Entry<String, byte[]> entry : sets.entrySet()) {
            boolean exists = client.checkExists().forPath(entry.getKey()) != null;
            operations.add(exists
                    ? client.transactionOp().setData().forPath(entry.getKey(), entry.getValue())
                    : client.transactionOp().create().forPath(entry.getKey(), entry.getValue()));
        }
        for (String path : deletes) {
            if (client.checkExists().forPath(path) != null) {
                operations.add(client.transactionOp().delete().forPath(path));
            }
        }
        return operations;
    }

    private static PersisterException failure(String what, Exception cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new PersisterException("ZooKeeper could not " + what + ": " + cause, cause);
    }
}
