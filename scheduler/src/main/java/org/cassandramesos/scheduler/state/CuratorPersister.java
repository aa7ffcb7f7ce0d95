package org.cassandramesos.scheduler.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * A {@link Persister} on ZooKeeper through Curator, under the service's {@link StateRoot}.
 * Multi-path writes are one ZooKeeper transaction ({@code multi}), so they are all-or-nothing.
 * It counts the requests it makes, so that tests and benchmarks can tell what a cache in front saves.
 */
public final class CuratorPersister implements Persister {
    private static final int TRANSACTION_ATTEMPTS = 3;
    /** Answers of a server that received the request and refused it: nothing was written. */
    private static final Set<KeeperException.Code> REFUSALS = Set.of(
            KeeperException.Code.NONODE,
            KeeperException.Code.NODEEXISTS,
            KeeperException.Code.NOTEMPTY,
            KeeperException.Code.BADVERSION,
            KeeperException.Code.NOAUTH,
            KeeperException.Code.INVALIDACL,
            KeeperException.Code.BADARGUMENTS);

    private final CuratorFramework client;
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();

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

    /** ZooKeeper read requests made so far: getData, getChildren, and the exists checks that plan a commit. */
    public long reads() {
        return reads.sum();
    }

    /** Writes asked of ZooKeeper so far: {@link #set}, {@link #commit} and {@link #delete} calls. */
    public long writes() {
        return writes.sum();
    }

    @Override
    public Optional<byte[]> get(String path) {
        Paths.check(path);
        reads.increment();
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
        writes.increment();
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
        writes.increment();
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
                throw PersisterException.refused("cannot delete a path with children in a commit", e);
            } catch (Exception e) {
                throw failure("commit " + sets.keySet() + " / delete " + deletes, e);
            }
        }
        // not a plain refusal: Curator retries a transaction whose answer was lost, so an earlier attempt may have
        // landed
        throw new PersisterException(
                "ZooKeeper could not commit " + sets.keySet() + " after " + TRANSACTION_ATTEMPTS + " attempts: " + last,
                last);
    }

    @Override
    public void delete(String path) {
        Paths.check(path);
        writes.increment();
        try {
            client.delete().deletingChildrenIfNeeded().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // already gone
        } catch (Exception e) {
            // child by child, not atomic: part of the subtree may be gone whatever the failure
            throw new PersisterException(failure("delete " + path, e).getMessage(), e);
        }
    }

    @Override
    public List<String> children(String path) {
        Paths.check(path);
        reads.increment();
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
            if (!"/".equals(parent) && !exists(parent)) {
                try {
                    client.create().creatingParentsIfNeeded().forPath(parent, new byte[0]);
                } catch (KeeperException.NodeExistsException e) {
                    // created meanwhile, fine
                }
            }
        }
        List<CuratorOp> operations = new ArrayList<>(sets.size() + deletes.size());
        for (Map.Entry<String, byte[]> entry : sets.entrySet()) {
            operations.add(
                    exists(entry.getKey())
                            ? client.transactionOp().setData().forPath(entry.getKey(), entry.getValue())
                            : client.transactionOp().create().forPath(entry.getKey(), entry.getValue()));
        }
        for (String path : deletes) {
            if (exists(path)) {
                operations.add(client.transactionOp().delete().forPath(path));
            }
        }
        return operations;
    }

    private boolean exists(String path) throws Exception {
        reads.increment();
        return client.checkExists().forPath(path) != null;
    }

    /** Refused when the server said no; otherwise (connection lost, timed out, interrupted) the outcome is unknown. */
    private static PersisterException failure(String what, Exception cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String message = "ZooKeeper could not " + what + ": " + cause;
        return cause instanceof KeeperException k && REFUSALS.contains(k.code())
                ? PersisterException.refused(message, cause)
                : new PersisterException(message, cause);
    }
}
