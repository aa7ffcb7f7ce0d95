package org.cassandramesos.scheduler.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CuratorPersisterTest extends PersisterContract {
    @RegisterExtension
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    private String service;
    private CuratorPersister persister;

    @BeforeEach
    void freshNamespace() {
        service = "svc-" + UUID.randomUUID();
        persister = new CuratorPersister(ZK.newClient(), service);
    }

    @Override
    Persister persister() {
        return persister;
    }

    @Test
    void storesUnderTheServiceNamespace() throws Exception {
        persister.set("/framework-id", bytes("FW"));

        CuratorFramework raw = ZK.newClient();
        assertThat(new String(raw.getData().forPath(StateRoot.of(service).path() + "/framework-id"), UTF_8))
                .isEqualTo("FW");
        assertThat(new CuratorPersister(raw, "other-service").get("/framework-id"))
                .isEmpty();
    }

    @Test
    void folderedServiceNamesBecomeValidNamespacesUnderTheDcosServicePrefix() {
        assertThat(CuratorPersister.namespace("/prod/cassandra")).isEqualTo("dcos-service-prod__cassandra");
        assertThat(CuratorPersister.namespace("cassandra")).isEqualTo("dcos-service-cassandra");
        // a service named like another framework's tree no longer writes into it
        assertThat(StateRoot.of("marathon").path()).isEqualTo("/dcos-service-marathon");
    }

    @Test
    void aNewClientSeesEverythingWrittenBefore() {
        persister.set("/a", bytes("1"));
        persister.setAll(java.util.Map.of("/b/c", bytes("2"), "/b/d", bytes("3")));

        CuratorPersister afterRestart = new CuratorPersister(ZK.newClient(), service);

        assertThat(text(afterRestart, "/a")).isEqualTo("1");
        assertThat(afterRestart.children("/b")).containsExactly("c", "d");
        assertThat(text(afterRestart, "/b/d")).isEqualTo("3");
    }
}
