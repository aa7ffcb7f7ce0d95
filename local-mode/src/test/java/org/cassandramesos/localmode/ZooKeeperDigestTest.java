package org.cassandramesos.localmode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperDigestTest {
    @TempDir
    Path data;

    private static ZooKeeper connect(String connectString, ZooKeeperDigest digest) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(connectString, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
        if (digest != null) {
            client.addAuthInfo("digest", digest.value().getBytes(UTF_8));
        }
        return client;
    }

    @Test
    void theFirstRunWritesAnOwnerOnlyCredentialThatLaterRunsReuse() throws Exception {
        Path file = data.resolve("zookeeper-digest");

        ZooKeeperDigest first = ZooKeeperDigest.loadOrCreate(file);

        assertThat(first.user()).isEqualTo(ZooKeeperDigest.USER);
        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.password());
        assertThat(ZooKeeperDigest.loadOrCreate(file)).isEqualTo(first);
        assertThat(ZooKeeperDigest.loadOrCreate(data.resolve("other-data-dir-digest"))
                        .password())
                .isNotEqualTo(first.password());
        try (var listing = Files.list(data)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .as("no partial files left")
                    .containsExactlyInAnyOrder("zookeeper-digest", "other-data-dir-digest");
        }
    }

    @Test
    void aLooseCredentialFileIsTightenedAndAGarbledOneRefusedWithoutEchoingIt() throws Exception {
        Path file = data.resolve("zookeeper-digest");
        Files.writeString(file, "cassandra-mesos:kept\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(ZooKeeperDigest.loadOrCreate(file).value()).isEqualTo("cassandra-mesos:kept");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");

        Files.writeString(file, "no-colon-garbage");
        assertThatThrownBy(() -> ZooKeeperDigest.loadOrCreate(file))
                .hasMessageContaining("--fresh")
                .hasMessageNotContaining("garbage");
    }

    /** What a restart of local mode on the same data relies on: the same credential still reads the locked state. */
    @Test
    void stateLockedWithTheCredentialIsReadableAfterARestartOnTheSameDataAndByNobodyElse() throws Exception {
        Path zkDir = Files.createDirectories(data.resolve("zookeeper"));
        ZooKeeperDigest digest = ZooKeeperDigest.loadOrCreate(data.resolve("zookeeper-digest"));
        try (EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(zkDir);
                ZooKeeper scheduler = connect(zookeeper.connectString(), digest)) {
            scheduler.create("/cassandra", "state".getBytes(UTF_8), ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
        }

        ZooKeeperDigest again = ZooKeeperDigest.loadOrCreate(data.resolve("zookeeper-digest"));
        try (EmbeddedZooKeeper zookeeper = EmbeddedZooKeeper.start(zkDir);
                ZooKeeper scheduler = connect(zookeeper.connectString(), again);
                ZooKeeper anonymous = connect(zookeeper.connectString(), null)) {
            assertThat(new String(scheduler.getData("/cassandra", false, null), UTF_8))
                    .isEqualTo("state");
            assertThatThrownBy(() -> anonymous.getData("/cassandra", false, null))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
    }
}
