package org.cassandramesos.executor.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SuperuserSetupTest {
    @Test
    void createsTheSuperuserOnlyIfMissingWithQuotedNameAndPassword() {
        assertThat(SuperuserSetup.createSuperuser(new CqlCredentials("cassandra_mesos_admin", "it's")))
                .isEqualTo("CREATE ROLE IF NOT EXISTS 'cassandra_mesos_admin' WITH SUPERUSER = true AND LOGIN = true"
                        + " AND PASSWORD = 'it''s'");
    }

    @Test
    void disablesTheDefaultRoleEntirely() {
        assertThat(SuperuserSetup.disableDefaultRole("r4nd"))
                .isEqualTo("ALTER ROLE 'cassandra' WITH SUPERUSER = false AND LOGIN = false AND PASSWORD = 'r4nd'");
    }

    @Test
    void systemAuthFollowsTheRingUpToThreeReplicasInTheDatacenter() {
        assertThat(SuperuserSetup.wantedReplication(1)).isEqualTo(1);
        assertThat(SuperuserSetup.wantedReplication(2)).isEqualTo(2);
        assertThat(SuperuserSetup.wantedReplication(7)).isEqualTo(3);
        assertThat(SuperuserSetup.systemAuthReplication("dc1", 2))
                .isEqualTo(
                        "ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2}");
    }

    @Test
    void readsTheReplicasOfEitherStrategy() {
        assertThat(SuperuserSetup.replication(
                        Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "1"),
                        "dc1"))
                .isEqualTo(1);
        assertThat(SuperuserSetup.replication(
                        Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1", "3/1"), "dc1"))
                .isEqualTo(3);
        assertThat(SuperuserSetup.replication(
                        Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc2", "3"), "dc1"))
                .isZero();
    }

    @Test
    void neverShowsAPassword() {
        assertThat(new CqlCredentials("u", "s3cret").toString()).doesNotContain("s3cret");
    }
}
