package org.cassandramesos.scheduler.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Where the state lives: the dcos-service- root, a configured one, or an existing installation's pre-0.2 root. */
class StateRootTest {
    @RegisterExtension
    static final ZooKeeperFixture ZK = new ZooKeeperFixture();

    private final String service = "root-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aNewInstallationUsesTheDcosServiceRoot() {
        StateRoot root = StateRoot.resolve(ZK.newClient(), service, "");

        assertThat(root).isEqualTo(new StateRoot("dcos-service-" + service, false));
        assertThat(StateRoot.resolve(ZK.newClient(), "/prod/" + service, null).path())
                .isEqualTo("/dcos-service-prod__" + service);
    }

    @Test
    void anInstallationUpgradedInPlaceKeepsItsOldRootAndEverythingInIt() {
        CuratorFramework client = ZK.newClient();
        Persister old = new CuratorPersister(client, new StateRoot(service, true));
        new FrameworkStore(old)
                .store(org.apache.mesos.v1.Protos.FrameworkID.newBuilder()
                        .setValue("FW-old")
                        .build());
        old.set("/nodes/node-0/record", "r".getBytes(UTF_8));

        StateRoot root = StateRoot.resolve(client, service, "");

        assertThat(root.legacy()).isTrue();
        assertThat(root.path()).isEqualTo("/" + service);
        FrameworkStore frameworks = new FrameworkStore(new CuratorPersister(client, root));
        assertThat(frameworks.get().orElseThrow().getValue()).isEqualTo("FW-old");
        assertThat(new CuratorPersister(client, root).get("/nodes/node-0/record"))
                .isPresent();
    }

    @Test
    void anOldRootWithoutAFrameworkIdIsNotAdopted() throws Exception {
        CuratorFramework client = ZK.newClient();
        // e.g. another framework's tree named like the service (a service called "marathon")
        client.create().forPath("/" + service + "-other", new byte[0]);
        new CuratorPersister(client, new StateRoot(service, true)).set("/state/something", "x".getBytes(UTF_8));

        assertThat(StateRoot.resolve(client, service, "").legacy()).isFalse();
    }

    @Test
    void onceTheNewRootExistsItWinsAndAConfiguredRootIsUsedAsGiven() {
        CuratorFramework client = ZK.newClient();
        new FrameworkStore(new CuratorPersister(client, new StateRoot(service, true)))
                .store(org.apache.mesos.v1.Protos.FrameworkID.newBuilder()
                        .setValue("FW-old")
                        .build());
        new FrameworkStore(new CuratorPersister(client, service))
                .store(org.apache.mesos.v1.Protos.FrameworkID.newBuilder()
                        .setValue("FW-new")
                        .build());

        assertThat(StateRoot.resolve(client, service, "").legacy()).isFalse();
        assertThat(StateRoot.resolve(client, service, "/team/a/" + service + "/")
                        .path())
                .isEqualTo("/team/a/" + service);
    }
}
