package org.cassandramesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;

class ZooKeeperAccessTest {

    @Test
    void creatorOnlyIsTheDefaultAndNeedsTheDigest() {
        assertThat(ZooKeeperAccess.fromSettings("", "cassandra:pw").isCreatorOnly())
                .isTrue();
        assertThat(ZooKeeperAccess.fromSettings(null, "cassandra:pw").acl()).isEqualTo(ZooDefs.Ids.CREATOR_ALL_ACL);

        assertThatThrownBy(() -> ZooKeeperAccess.fromSettings("creator", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZOOKEEPER_DIGEST")
                .hasMessageContaining("ZOOKEEPER_ACL=open");
        assertThatThrownBy(() -> ZooKeeperAccess.fromSettings(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openMustBeChosenExplicitlyAndWithoutADigest() {
        ZooKeeperAccess open = ZooKeeperAccess.fromSettings("OPEN", "");
        assertThat(open.isCreatorOnly()).isFalse();
        assertThat(open.acl()).isEqualTo(ZooDefs.Ids.OPEN_ACL_UNSAFE);

        assertThatThrownBy(() -> ZooKeeperAccess.fromSettings("open", "cassandra:pw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> ZooKeeperAccess.fromSettings("world", "cassandra:pw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'creator' or 'open'");
    }

    @Test
    void theDigestSplitsAtTheFirstColonAndRefusesMalformedValuesWithoutEchoingThem() {
        ZooKeeperAccess.Digest digest = ZooKeeperAccess.Digest.parse("cassandra:pa:ss");
        assertThat(digest.user()).isEqualTo("cassandra");
        assertThat(digest.password()).isEqualTo("pa:ss");

        for (String bad : new String[] {"no-colon-secret", ":only-secret", "user-without-secret:"}) {
            assertThatThrownBy(() -> ZooKeeperAccess.fromSettings("creator", bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void neitherLogTextNorToStringShowsThePassword() {
        ZooKeeperAccess access = ZooKeeperAccess.creatorOnly("cassandra:hunter2");

        assertThat(access.toString()).contains("cassandra").doesNotContain("hunter2");
        assertThat(access.describe()).contains("cassandra").doesNotContain("hunter2");
        assertThat(access.digest().orElseThrow().toString()).doesNotContain("hunter2");
    }
}
