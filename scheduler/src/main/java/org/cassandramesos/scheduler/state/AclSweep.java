package org.cassandramesos.scheduler.state;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * Takes over state written before creator-only ACLs were on (or by anyone else with access): walks the
 * service root and every znode below it once and gives each one that is not already the scheduler's own
 * the creator-only ACL. Idempotent: a second sweep changes nothing. A znode that another credential owns
 * stops the sweep: the scheduler cannot read it, so it must not start as if the state were whole.
 */
public final class AclSweep {

    /** @param znodes znodes under (and including) the root; {@code changed} how many got the ACL now */
    public record Result(String root, int znodes, int changed) {}

    private AclSweep() {}

    /**
     * @param client a client authenticated as {@code access} (from {@link ZooKeeperClients}), not namespaced
     * @throws IllegalArgumentException when {@code access} is open: there is nothing to lock with
     * @throws PersisterException when ZooKeeper fails or a znode belongs to another credential
     */
    public static Result lockDown(CuratorFramework client, String serviceName, ZooKeeperAccess access) {
        return lockDown(client, StateRoot.of(serviceName), access);
    }

    /** As {@link #lockDown(CuratorFramework, String, ZooKeeperAccess)}, for the state at {@code stateRoot}. */
    public static Result lockDown(CuratorFramework client, StateRoot stateRoot, ZooKeeperAccess access) {
        ZooKeeperAccess.Digest digest = access.digest()
                .orElseThrow(() -> new IllegalArgumentException("open ZooKeeper access has no owner to lock the state to"));
        CuratorFramework raw = client.usingNamespace(null);
        String root = stateRoot.path();
        Deque<String> pending = new ArrayDeque<>(List.of(root));
        int znodes = 0;
        int changed = 0;
        while (!pending.isEmpty()) {
            String path = pending.pop();
            try {
                if (!ownedBy(raw.getACL().forPath(path), digest)) {
                    // parents first: once ours, their children can still be listed by us and by nobody else
                    raw.setACL().withACL(access.acl()).forPath(path);
                    changed++;
                }
                for (String child : raw.getChildren().forPath(path)) {
                    pending.push(path + "/" + child);
                }
                znodes++;
            } catch (KeeperException.NoNodeException e) {
                // deleted meanwhile (or no state yet): nothing to protect
            } catch (KeeperException.NoAuthException e) {
                throw new PersisterException("ZooKeeper znode " + path + " is protected by another credential than "
                        + "ZOOKEEPER_DIGEST user '" + digest.user() + "' (was the credential changed?); the scheduler "
                        + "cannot read its state. See docs/zookeeper.md", e);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new PersisterException("ZooKeeper could not lock down " + path + ": " + e, e);
            }
        }
        return new Result(root, znodes, changed);
    }

    /** Exactly one entry: the digest of our user with every permission (what {@code CREATOR_ALL_ACL} becomes). */
    static boolean ownedBy(List<ACL> acl, ZooKeeperAccess.Digest digest) {
        if (acl.size() != 1) {
            return false;
        }
        ACL only = acl.get(0);
        return only.getPerms() == ZooDefs.Perms.ALL && "digest".equals(only.getId().getScheme())
                && only.getId().getId().startsWith(digest.user() + ":");
    }
}
