package org.cassandramesos.scheduler.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scheduler's ZooKeeper state against a real ZooKeeper: with creator-only access nobody but its own digest
 * credential reads or changes anything under the service root, and state written open is taken over at start.
 */
class ZooKeeperAclTest {
    @RegisterExtension
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    private String service;
    private String root;

    @BeforeEach
    void freshService() {
        service = "acl-" + UUID.randomUUID();
        root = StateRoot.of(service).path();
    }

    /** The kinds of writes the stores make: single sets with new parents, multi-path commits, deletes. */
    private static void writeState(Persister persister) {
        persister.set("/framework-id", "FW-1".getBytes(UTF_8));
        persister.set("/nodes/node-0/record", "{\"agent\":\"10.0.0.1\"}".getBytes(UTF_8));
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("/nodes/node-1/record", "{\"agent\":\"10.0.0.2\"}".getBytes(UTF_8));
        values.put("/nodes/node-1/task-info", "task".getBytes(UTF_8));
        values.put("/configs/v1/target", "config".getBytes(UTF_8));
        values.put("/operations/op-1/status", "running".getBytes(UTF_8));
        persister.setAll(values);
        persister.commit(Map.of("/plans/deploy", "plan".getBytes(UTF_8)), List.of("/nodes/node-1/task-info"));
    }

    /** Every znode from the root down, read with the scheduler's credential. */
    private List<String> tree(CuratorFramework client) throws Exception {
        List<String> paths = new ArrayList<>();
        List<String> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            String path = pending.remove(pending.size() - 1);
            paths.add(path);
            for (String child : client.getChildren().forPath(path)) {
                pending.add(path + "/" + child);
            }
        }
        return paths;
    }

    private static void assertReadsNothing(CuratorFramework outsider, List<String> paths) {
        for (String path : paths) {
            assertThatThrownBy(() -> outsider.getData().forPath(path))
                    .as("getData " + path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> outsider.getChildren().forPath(path))
                    .as("getChildren " + path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> outsider.getACL().forPath(path))
                    .as("getACL " + path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> outsider.setData().forPath(path, "evil".getBytes(UTF_8)))
                    .as("setData " + path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> outsider.create().forPath(path + "/planted"))
                    .as("create under " + path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
            if (path.indexOf('/', 1) > 0) { // deleting the root itself is up to the ACL of ZooKeeper's own "/"
                assertThatThrownBy(() -> outsider.delete().forPath(path))
                        .as("delete " + path)
                        .isInstanceOf(KeeperException.NoAuthException.class);
            }
        }
    }

    private static List<ACL> schedulerOnly() throws Exception {
        return List.of(new ACL(
                ZooDefs.Perms.ALL,
                new Id("digest", DigestAuthenticationProvider.generateDigest(ZooKeeperFixture.DIGEST))));
    }

    @Test
    void anUnauthenticatedClientReadsNothingUnderTheServiceRoot() throws Exception {
        writeState(new CuratorPersister(ZK.newClient(), service));
        List<String> paths = tree(ZK.newClient());
        assertThat(paths)
                .contains(root, root + "/nodes", root + "/nodes/node-0/record", root + "/plans/deploy")
                .hasSizeGreaterThanOrEqualTo(13);

        CuratorFramework outsider = ZK.newClient(ZooKeeperAccess.open());
        assertReadsNothing(outsider, paths);
        for (String path : paths) {
            assertThatThrownBy(() -> outsider.checkExists().forPath(path))
                    .as("exists " + path)
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
        // all anyone learns: the root's name, from the listing of ZooKeeper's own (world-readable) root
        assertThat(outsider.getChildren().forPath("/")).contains(root.substring(1));
    }

    @Test
    void aClientWithAnotherDigestReadsNothingEither() throws Exception {
        writeState(new CuratorPersister(ZK.newClient(), service));
        List<String> paths = tree(ZK.newClient());

        String user = ZooKeeperFixture.ACCESS.digest().orElseThrow().user();
        assertReadsNothing(ZK.newClient(ZooKeeperAccess.creatorOnly(user + ":not-the-password")), paths);
        assertReadsNothing(ZK.newClient(ZooKeeperAccess.creatorOnly("intruder:" + UUID.randomUUID())), paths);
    }

    @Test
    void theConfiguredCredentialReadsEverythingAndEveryZnodeIsItsAlone() throws Exception {
        writeState(new CuratorPersister(ZK.newClient(), service));

        CuratorFramework restarted = ZK.newClient();
        CuratorPersister persister = new CuratorPersister(restarted, service);
        assertThat(new String(persister.get("/nodes/node-0/record").orElseThrow(), UTF_8))
                .contains("10.0.0.1");
        assertThat(persister.children("/nodes")).containsExactly("node-0", "node-1");
        assertThat(persister.get("/nodes/node-1/task-info")).isEmpty();
        for (String path : tree(restarted)) {
            assertThat(restarted.getACL().forPath(path)).as(path).isEqualTo(schedulerOnly());
        }
    }

    @Test
    void curatorRecipeNodesUnderTheNamespaceAreLockedToo() throws Exception {
        CuratorFramework client = ZK.newClient();
        InterProcessMutex lock =
                new InterProcessMutex(client.usingNamespace(CuratorPersister.namespace(service)), "/lock");
        assertThat(lock.acquire(10, TimeUnit.SECONDS)).isTrue();
        try {
            List<String> paths = tree(client);
            assertThat(paths).anyMatch(p -> p.startsWith(root + "/lock/"));
            for (String path : paths) {
                assertThat(client.getACL().forPath(path)).as(path).isEqualTo(schedulerOnly());
            }
            assertReadsNothing(ZK.newClient(ZooKeeperAccess.open()), paths);
        } finally {
            lock.release();
        }
    }

    @Test
    void aSchedulerWithAclsTakesOverStateWrittenOpen() throws Exception {
        writeState(new CuratorPersister(ZK.newClient(ZooKeeperAccess.open()), service));
        CuratorFramework outsider = ZK.newClient(ZooKeeperAccess.open());
        assertThat(new String(outsider.getData().forPath(root + "/framework-id"), UTF_8))
                .as("before: open to anyone")
                .isEqualTo("FW-1");

        CuratorFramework scheduler = ZK.newClient();
        AclSweep.Result sweep = AclSweep.lockDown(scheduler, service, ZooKeeperFixture.ACCESS);

        List<String> paths = tree(scheduler);
        assertThat(sweep).isEqualTo(new AclSweep.Result(root, paths.size(), paths.size()));
        for (String path : paths) {
            assertThat(scheduler.getACL().forPath(path)).as(path).isEqualTo(schedulerOnly());
        }
        assertReadsNothing(outsider, paths);
        CuratorPersister persister = new CuratorPersister(scheduler, service);
        assertThat(new String(persister.get("/framework-id").orElseThrow(), UTF_8))
                .isEqualTo("FW-1");
        assertThat(new String(persister.get("/plans/deploy").orElseThrow(), UTF_8))
                .isEqualTo("plan");
    }

    @Test
    void theTakeoverIsIdempotentAndFindsZnodesAnOpenWriterAddedLater() throws Exception {
        writeState(new CuratorPersister(ZK.newClient(ZooKeeperAccess.open()), service));
        CuratorFramework scheduler = ZK.newClient();
        AclSweep.Result first = AclSweep.lockDown(scheduler, service, ZooKeeperFixture.ACCESS);

        AclSweep.Result again = AclSweep.lockDown(scheduler, service, ZooKeeperFixture.ACCESS);
        assertThat(again).isEqualTo(new AclSweep.Result(root, first.znodes(), 0));

        // a znode someone created world-open under a znode of ours (possible only with our credential)
        scheduler
                .create()
                .withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE)
                .forPath(root + "/nodes/node-0/planted", "x".getBytes(UTF_8));
        AclSweep.Result third = AclSweep.lockDown(scheduler, service, ZooKeeperFixture.ACCESS);
        assertThat(third).isEqualTo(new AclSweep.Result(root, first.znodes() + 1, 1));
        assertReadsNothing(ZK.newClient(ZooKeeperAccess.open()), List.of(root + "/nodes/node-0/planted"));
    }

    @Test
    void stateOwnedByAnotherCredentialStopsTheTakeoverWithoutNamingTheSecret() throws Exception {
        String other = "other:" + UUID.randomUUID();
        writeState(new CuratorPersister(ZK.newClient(ZooKeeperAccess.creatorOnly(other)), service));

        assertThatThrownBy(() -> AclSweep.lockDown(ZK.newClient(), service, ZooKeeperFixture.ACCESS))
                .isInstanceOf(PersisterException.class)
                .hasMessageContaining(root)
                .hasMessageContaining("another credential")
                .hasMessageNotContaining(
                        ZooKeeperFixture.ACCESS.digest().orElseThrow().password())
                .hasMessageNotContaining(other);
    }

    @Test
    void withoutStateTheSweepFindsNothingAndTheFirstWriteCreatesALockedRoot() throws Exception {
        CuratorFramework scheduler = ZK.newClient();

        assertThat(AclSweep.lockDown(scheduler, service, ZooKeeperFixture.ACCESS))
                .isEqualTo(new AclSweep.Result(root, 0, 0));
        new CuratorPersister(scheduler, service).set("/framework-id", "FW".getBytes(UTF_8));
        assertThat(scheduler.getACL().forPath(root)).isEqualTo(schedulerOnly());
    }

    @Test
    void openAccessLeavesStateOpenAndCannotSweep() throws Exception {
        CuratorFramework open = ZK.newClient(ZooKeeperAccess.open());
        new CuratorPersister(open, service).set("/framework-id", "FW".getBytes(UTF_8));

        assertThat(open.getACL().forPath(root + "/framework-id")).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);
        assertThatThrownBy(() -> AclSweep.lockDown(open, service, ZooKeeperAccess.open()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
