package org.cassandramesos.scheduler.state;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the scheduler's state lives in ZooKeeper. By default {@code /dcos-service-<name>} as dcos-commons does (folders
 * in the name become {@code __}), so a service called {@code mesos} or {@code marathon} cannot write into their trees;
 * {@code ZOOKEEPER_ROOT} picks another. State written by an older scheduler at {@code /<name>} is kept in use, not
 * abandoned, while the new default root does not exist: a running cluster upgraded in place keeps its framework id,
 * tasks and reservations.
 *
 * @param namespace the root without its leading slash (a Curator namespace)
 * @param legacy    the pre-{@code dcos-service-} root kept for an existing installation
 */
public record StateRoot(String namespace, boolean legacy) {
    private static final Logger LOG = LoggerFactory.getLogger(StateRoot.class);
    public static final String PREFIX = "dcos-service-";

    public StateRoot {
        if (namespace == null
                || namespace.isEmpty()
                || namespace.startsWith("/")
                || namespace.endsWith("/")
                || namespace.contains("//")) {
            throw new IllegalArgumentException("not a ZooKeeper root: '" + namespace + "'");
        }
    }

    /** The default root of {@code serviceName}: {@code dcos-service-prod__cassandra} for {@code /prod/cassandra}. */
    public static StateRoot of(String serviceName) {
        return new StateRoot(PREFIX + flattened(serviceName), false);
    }

    /**
     * The root to use: {@code configured} when set ({@code /a/b} or {@code a/b}); else the default root, unless only the
     * pre-0.2 root {@code /<name>} holds a framework id (an installation upgraded in place), which is then kept.
     *
     * @param client a started client, not namespaced
     */
    public static StateRoot resolve(CuratorFramework client, String serviceName, String configured) {
        if (configured != null && !configured.isBlank()) {
            return new StateRoot(configured.strip().replaceAll("^/+|/+$", ""), false);
        }
        StateRoot current = of(serviceName);
        StateRoot legacy = new StateRoot(flattened(serviceName), true);
        CuratorFramework raw = client.usingNamespace(null);
        // a znode we may not read is somebody else's: the current root then exists (the ACL sweep says whose), and an
        // old root we cannot read is not ours to adopt
        if (!exists(raw, current.path(), true) && exists(raw, legacy.path() + FrameworkStore.PATH, false)) {
            LOG.warn(
                    "ZooKeeper state found at the pre-0.2 root {} and none at {}: keeping {} so this installation keeps "
                            + "its framework, tasks and reservations (set ZOOKEEPER_ROOT={} to say so explicitly; "
                            + "docs/zookeeper.md)",
                    legacy.path(),
                    current.path(),
                    legacy.path(),
                    legacy.path());
            return legacy;
        }
        return current;
    }

    /** The root as a ZooKeeper path. */
    public String path() {
        return "/" + namespace;
    }

    static String flattened(String serviceName) {
        String trimmed = serviceName == null ? "" : serviceName.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("service name is required for the ZooKeeper namespace");
        }
        return trimmed.replace("/", "__");
    }

    private static boolean exists(CuratorFramework raw, String path, boolean whenForbidden) {
        try {
            return raw.checkExists().forPath(path) != null;
        } catch (KeeperException.NoNodeException e) {
            return false;
        } catch (KeeperException.NoAuthException e) {
            return whenForbidden;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new PersisterException("ZooKeeper could not check " + path + ": " + e, e);
        }
    }
}
