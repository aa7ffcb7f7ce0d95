package org.cassandramesos.scheduler.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
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

    /**
     * As {@link #lockDown(CuratorFramework, String, ZooKeeperAccess)}, for the state at {@code stateRoot}. The tree is
     * walked a level at a time with every znode of a level asked at once: ZooKeeper answers the requests of one session
     * in order over one connection, so a level costs about one round trip instead of two per znode (a takeover at 100
     * nodes swept ~500 znodes one after another in ~2 s: bench/results/scheduler-failover.md).
     */
    public static Result lockDown(CuratorFramework client, StateRoot stateRoot, ZooKeeperAccess access) {
        ZooKeeperAccess.Digest digest = access.digest()
                .orElseThrow(
                        () -> new IllegalArgumentException("open ZooKeeper access has no owner to lock the state to"));
        CuratorFramework raw = client.usingNamespace(null);
        String root = stateRoot.path();
        List<String> level = List.of(root);
        int znodes = 0;
        int changed = 0;
        while (!level.isEmpty()) {
            List<CompletableFuture<Visit>> visits = new ArrayList<>(level.size());
            for (String path : level) {
                visits.add(visit(raw, path, digest, access));
            }
            List<String> next = new ArrayList<>();
            for (CompletableFuture<Visit> visit : visits) {
                Visit done = await(visit);
                if (done.existed()) {
                    znodes++;
                    changed += done.locked() ? 1 : 0;
                    done.children().forEach(child -> next.add(done.path() + "/" + child));
                }
            }
            level = next;
        }
        return new Result(root, znodes, changed);
    }

    /** One znode: whether it was there, whether it got our ACL now, and its children (listed once it is ours). */
    private record Visit(String path, boolean existed, boolean locked, List<String> children) {
        static Visit gone(String path) {
            return new Visit(path, false, false, List.of());
        }
    }

    /** Reads the znode's ACL, sets ours if it is not (parents first: once ours, only we can list it), lists it. */
    private static CompletableFuture<Visit> visit(
            CuratorFramework raw, String path, ZooKeeperAccess.Digest digest, ZooKeeperAccess access) {
        return call(path, callback -> raw.getACL().inBackground(callback).forPath(path))
                .thenCompose(read -> {
                    if (read.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                        return CompletableFuture.completedFuture(Visit.gone(path));
                    }
                    failIfNotOk(path, read, digest);
                    boolean ours = ownedBy(read.getACLList(), digest);
                    CompletableFuture<Boolean> locked = ours
                            ? CompletableFuture.completedFuture(false)
                            : call(
                                            path,
                                            callback -> raw.setACL()
                                                    .withACL(access.acl())
                                                    .inBackground(callback)
                                                    .forPath(path))
                                    .thenApply(set -> {
                                        if (set.getResultCode() != KeeperException.Code.NONODE.intValue()) {
                                            failIfNotOk(path, set, digest);
                                        }
                                        return set.getResultCode() == KeeperException.Code.OK.intValue();
                                    });
                    return locked.thenCompose(lockedNow -> call(
                                    path,
                                    callback -> raw.getChildren()
                                            .inBackground(callback)
                                            .forPath(path))
                            .thenApply(list -> {
                                if (list.getResultCode() == KeeperException.Code.NONODE.intValue()) {
                                    return Visit.gone(path); // deleted meanwhile: nothing to protect
                                }
                                failIfNotOk(path, list, digest);
                                return new Visit(path, true, lockedNow, list.getChildren());
                            }));
                });
    }

    private interface BackgroundCall {
        void send(BackgroundCallback callback) throws Exception;
    }

    private static CompletableFuture<CuratorEvent> call(String path, BackgroundCall request) {
        CompletableFuture<CuratorEvent> answer = new CompletableFuture<>();
        try {
            request.send((client, event) -> answer.complete(event));
        } catch (Exception e) {
            answer.completeExceptionally(new PersisterException("ZooKeeper could not lock down " + path + ": " + e, e));
        }
        return answer;
    }

    private static void failIfNotOk(String path, CuratorEvent event, ZooKeeperAccess.Digest digest) {
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        if (code == KeeperException.Code.OK) {
            return;
        }
        KeeperException cause = KeeperException.create(code, path);
        if (code == KeeperException.Code.NOAUTH) {
            throw new PersisterException(
                    "ZooKeeper znode " + path + " is protected by another credential than "
                            + "ZOOKEEPER_DIGEST user '" + digest.user()
                            + "' (was the credential changed?); the scheduler "
                            + "cannot read its state. See docs/zookeeper.md",
                    cause);
        }
        throw new PersisterException("ZooKeeper could not lock down " + path + ": " + cause, cause);
    }

    private static Visit await(CompletableFuture<Visit> visit) {
        try {
            return visit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersisterException("interrupted while locking down the state: " + e, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PersisterException failed) {
                throw failed;
            }
            throw new PersisterException("ZooKeeper could not lock down the state: " + e.getCause(), e.getCause());
        }
    }

    /** Exactly one entry: the digest of our user with every permission (what {@code CREATOR_ALL_ACL} becomes). */
    static boolean ownedBy(List<ACL> acl, ZooKeeperAccess.Digest digest) {
        if (acl.size() != 1) {
            return false;
        }
        ACL only = acl.get(0);
        return only.getPerms() == ZooDefs.Perms.ALL
                && "digest".equals(only.getId().getScheme())
                && only.getId().getId().startsWith(digest.user() + ":");
    }
}
