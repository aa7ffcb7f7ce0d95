package org.cassandramesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.scheduler.Mesos;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.AgentFacts;
import org.cassandramesos.scheduler.offer.NodeReservation;
import org.cassandramesos.scheduler.plan.DeployPlanManager;
import org.cassandramesos.scheduler.plan.Status;
import org.cassandramesos.scheduler.plan.Step;
import org.cassandramesos.scheduler.secrets.ExecutorSecrets;
import org.cassandramesos.scheduler.state.FrameworkStore;
import org.cassandramesos.scheduler.state.MemoryPersister;
import org.cassandramesos.scheduler.state.NodeRecord;
import org.cassandramesos.scheduler.state.Persister;
import org.cassandramesos.scheduler.state.PersisterException;
import org.cassandramesos.scheduler.state.PlanStore;
import org.cassandramesos.scheduler.state.StateConnection;
import org.cassandramesos.scheduler.state.TaskStore;
import org.junit.jupiter.api.Test;

/**
 * The gates in front of every launch: framework id first, reconciliation, a connected state store that the scheduler
 * has caught up with after an outage.
 */
class CassandraSchedulerTest {
    private static final FrameworkID FW =
            FrameworkID.newBuilder().setValue("FW-1").build();
    private static final AgentID AGENT = AgentID.newBuilder().setValue("AG1").build();

    private final ServiceConfig config = ServiceConfig.defaults("svc");
    private boolean zookeeperConnected = true;
    private final List<StateConnection.Listener> listeners = new ArrayList<>();
    /** ZooKeeper as the scheduler sees it: every read and write fails while it is away. */
    private final Persister persister = new Persister() {
        private final MemoryPersister memory = new MemoryPersister();

        private Persister connected() {
            if (!zookeeperConnected) {
                throw new PersisterException("ZooKeeper is not connected");
            }
            return memory;
        }

        @Override
        public Optional<byte[]> get(String path) {
            return connected().get(path);
        }

        @Override
        public void set(String path, byte[] value) {
            connected().set(path, value);
        }

        @Override
        public void commit(Map<String, byte[]> values, Collection<String> deletes) {
            connected().commit(values, deletes);
        }

        @Override
        public void delete(String path) {
            connected().delete(path);
        }

        @Override
        public List<String> children(String path) {
            return connected().children(path);
        }
    };

    private final TaskStore tasks = new TaskStore(persister);
    private final FrameworkStore frameworks = new FrameworkStore(persister);
    private final DeployPlanManager plans = DeployPlanManager.load(new PlanStore(persister), config, List.of());
    private final StateConnection state = new StateConnection() {
        @Override
        public boolean isConnected() {
            return zookeeperConnected;
        }

        @Override
        public void addListener(Listener listener) {
            listeners.add(listener);
        }
    };
    private final CassandraScheduler scheduler = CassandraScheduler.create(
            config,
            frameworks,
            tasks,
            plans,
            state,
            () -> UUID.nameUUIDFromBytes(new byte[] {1}),
            MesosSettings.defaults(),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            // no executor asks for secrets in these tests
            new ExecutorSecrets(
                    org.cassandramesos.scheduler.secrets.ClusterSecrets.fromEnvironment(
                            java.util.Optional.empty(), java.util.Optional.empty()),
                    java.util.Optional.empty()));
    private final List<Call> sent = new ArrayList<>();
    private final Mesos mesos = new Mesos() {
        @Override
        public void send(Call call) {
            sent.add(call);
        }

        @Override
        public FrameworkID frameworkId() {
            return FW;
        }
    };

    /** ZooKeeper goes away or comes back, as Curator reports it. */
    private void zookeeper(boolean connected) {
        zookeeperConnected = connected;
        listeners.forEach(listener -> listener.connectionChanged(connected));
    }

    private void subscribe() {
        scheduler.subscribed(
                mesos, Event.Subscribed.newBuilder().setFrameworkId(FW).build());
    }

    private static Event offers(String offerId) {
        Offer offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue(offerId))
                .setFrameworkId(FW)
                .setAgentId(AGENT)
                .setHostname("10.0.0.1")
                .setUrl(URL.newBuilder()
                        .setScheme("http")
                        .setAddress(Address.newBuilder()
                                .setHostname("10.0.0.1")
                                .setIp("10.0.0.1")
                                .setPort(5051)))
                .addResources(scalar("cpus", 8))
                .addResources(scalar("mem", 32768))
                .addResources(scalar("disk", 102400))
                .addResources(allocated(Resource.newBuilder()
                        .setName("ports")
                        .setType(Value.Type.RANGES)
                        .setRanges(Value.Ranges.newBuilder()
                                .addRange(
                                        Value.Range.newBuilder().setBegin(7000).setEnd(9100)))))
                .build();
        return Event.newBuilder()
                .setType(Event.Type.OFFERS)
                .setOffers(Event.Offers.newBuilder().addOffers(offer))
                .build();
    }

    private static Resource scalar(String name, double value) {
        return allocated(Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)));
    }

    private static Resource allocated(Resource.Builder resource) {
        return resource.setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("svc-role"))
                .build();
    }

    private List<Call.Type> sentTypes() {
        return sent.stream().map(Call::getType).toList();
    }

    @Test
    void theFrameworkIdIsPersistedOnSubscribed() {
        subscribe();

        assertThat(frameworks.get()).contains(FW);
    }

    /**
     * The scheduler died between recording a first launch and sending its ACCEPT: reconciliation says
     * GONE, nothing ever confirmed the reservation, so the node is placed afresh, once reconciled.
     */
    @Test
    void nothingIsLaunchedUntilEveryKnownTaskHasAnswered() {
        TaskInfo known = TaskInfo.newBuilder()
                .setName("node-0")
                .setTaskId(TaskID.newBuilder().setValue("node-0__1"))
                .setAgentId(AGENT)
                .build();
        tasks.storeLaunch(
                known,
                new NodeRecord(
                        "node-0",
                        new AgentFacts("AG1", "10.0.0.1", "10.0.0.1", Map.of()),
                        "rack1",
                        new NodeReservation("res-0", "vol-0", Map.of()),
                        Optional.empty(),
                        false,
                        false));
        subscribe();

        scheduler.tick();
        scheduler.received(mesos, offers("O1"));

        assertThat(sentTypes()).containsExactly(Call.Type.RECONCILE, Call.Type.DECLINE);
        assertThat(sent.get(0).getReconcile().getTasks(0).getTaskId().getValue())
                .isEqualTo("node-0__1");

        sent.clear();
        scheduler.received(
                mesos,
                Event.newBuilder()
                        .setType(Event.Type.UPDATE)
                        .setUpdate(Event.Update.newBuilder()
                                .setStatus(TaskStatus.newBuilder()
                                        .setTaskId(known.getTaskId())
                                        .setAgentId(AGENT)
                                        .setState(TaskState.TASK_GONE)
                                        .setSource(TaskStatus.Source.SOURCE_MASTER)
                                        .setReason(TaskStatus.Reason.REASON_RECONCILIATION)))
                        .build());
        scheduler.tick(); // sends the implicit round: now reconciled
        assertThat(scheduler.isReconciled()).isTrue();
        scheduler.received(mesos, offers("O2"));

        assertThat(sentTypes()).containsExactly(Call.Type.RECONCILE, Call.Type.ACCEPT);
        assertThat(sent.get(0).getReconcile().getTasksCount()).as("implicit").isZero();
        assertThat(plans.deploy().steps().findFirst().orElseThrow().status()).isEqualTo(Status.STARTING);
    }

    @Test
    void withZooKeeperAwayOffersAreDeclinedAndUpdatesLeftUnacknowledged() {
        subscribe();
        scheduler.tick();
        sent.clear();
        zookeeper(false);

        scheduler.received(mesos, offers("O1"));
        scheduler.received(
                mesos,
                Event.newBuilder()
                        .setType(Event.Type.UPDATE)
                        .setUpdate(Event.Update.newBuilder()
                                .setStatus(TaskStatus.newBuilder()
                                        .setTaskId(TaskID.newBuilder().setValue("node-0__9"))
                                        .setAgentId(AGENT)
                                        .setState(TaskState.TASK_RUNNING)
                                        .setUuid(com.google.protobuf.ByteString.copyFrom(new byte[16]))))
                        .build());

        assertThat(sentTypes()).containsExactly(Call.Type.DECLINE);
        assertThat(sent.get(0).getDecline().getFilters().getRefuseSeconds()).isEqualTo(5.0);
        zookeeper(true);
        assertThat(tasks.nodeNames()).isEmpty();
    }

    private static Event update(TaskStatus.Builder status) {
        return Event.newBuilder()
                .setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(status))
                .build();
    }

    /**
     * The master's own updates carry no uuid and are never sent again: one that arrived while ZooKeeper was away is
     * lost unless the scheduler asks again. Back from the outage it reconciles every task it believes alive before it
     * uses an offer, and stores the answer.
     */
    @Test
    void backFromAnOutageTheSchedulerAsksTheMasterAgainBeforeItUsesAnOffer() {
        TaskInfo known = TaskInfo.newBuilder()
                .setName("node-0")
                .setTaskId(TaskID.newBuilder().setValue("node-0__1"))
                .setAgentId(AGENT)
                .build();
        tasks.storeLaunch(
                known,
                new NodeRecord(
                        "node-0",
                        new AgentFacts("AG1", "10.0.0.1", "10.0.0.1", Map.of()),
                        "rack1",
                        new NodeReservation("res-0", "vol-0", Map.of()),
                        Optional.empty(),
                        false,
                        true));
        subscribe();
        scheduler.received(
                mesos,
                update(TaskStatus.newBuilder()
                        .setTaskId(known.getTaskId())
                        .setAgentId(AGENT)
                        .setState(TaskState.TASK_RUNNING)
                        .setSource(TaskStatus.Source.SOURCE_MASTER)
                        .setReason(TaskStatus.Reason.REASON_RECONCILIATION)));
        scheduler.tick();
        assertThat(scheduler.isReconciled()).isTrue();

        zookeeper(false);
        // the agent is lost meanwhile: the master says so once, without a uuid
        scheduler.received(
                mesos,
                update(TaskStatus.newBuilder()
                        .setTaskId(known.getTaskId())
                        .setAgentId(AGENT)
                        .setState(TaskState.TASK_UNREACHABLE)
                        .setSource(TaskStatus.Source.SOURCE_MASTER)
                        .setReason(TaskStatus.Reason.REASON_AGENT_REMOVED)));
        scheduler.tick();
        zookeeper(true);
        assertThat(tasks.taskStatus("node-0").orElseThrow().getState())
                .as("not stored during the outage")
                .isEqualTo(TaskState.TASK_RUNNING);
        sent.clear();

        scheduler.received(mesos, offers("O1")); // before the first tick after the outage
        scheduler.tick();
        scheduler.received(mesos, offers("O2"));

        // (offer suppression may change meanwhile: node-0's step is pending while its task runs, so it wants no offer)
        assertThat(sentTypes())
                .filteredOn(type -> type != Call.Type.SUPPRESS && type != Call.Type.REVIVE)
                .containsExactly(Call.Type.DECLINE, Call.Type.RECONCILE, Call.Type.DECLINE);
        assertThat(sent.stream()
                        .filter(call -> call.getType() == Call.Type.RECONCILE)
                        .findFirst()
                        .orElseThrow()
                        .getReconcile()
                        .getTasksList())
                .singleElement()
                .satisfies(task -> assertThat(task.getTaskId()).isEqualTo(known.getTaskId()));
        assertThat(scheduler.isReconciled()).isFalse();

        scheduler.received(
                mesos,
                update(TaskStatus.newBuilder()
                        .setTaskId(known.getTaskId())
                        .setAgentId(AGENT)
                        .setState(TaskState.TASK_UNREACHABLE)
                        .setSource(TaskStatus.Source.SOURCE_MASTER)
                        .setReason(TaskStatus.Reason.REASON_RECONCILIATION)));
        scheduler.tick();

        assertThat(tasks.taskStatus("node-0").orElseThrow().getState()).isEqualTo(TaskState.TASK_UNREACHABLE);
        assertThat(scheduler.isReconciled()).isTrue();
    }

    @Test
    void aSubscriptionWhileZooKeeperIsAwayStoresItsFrameworkIdWhenItIsBackBeforeAnythingElse() {
        zookeeper(false);
        subscribe();
        scheduler.tick();
        scheduler.received(mesos, offers("O1"));
        assertThat(sentTypes()).containsExactly(Call.Type.DECLINE);

        zookeeper(true);
        scheduler.tick();

        assertThat(frameworks.get()).contains(FW);
        assertThat(sentTypes()).containsExactly(Call.Type.DECLINE, Call.Type.RECONCILE);
        assertThat(sent.get(1).getReconcile().getTasksCount())
                .as("implicit: no task known")
                .isZero();
        assertThat(scheduler.isReconciled()).isTrue();
    }

    @Test
    void offersAreSuppressedWhenNothingIsPendingAndRevivedWhenWorkAppears() {
        subscribe();
        scheduler.tick();
        plans.interrupt("deploy");
        sent.clear();

        scheduler.tick();
        plans.proceed("deploy");
        scheduler.tick();

        assertThat(sentTypes()).containsExactly(Call.Type.SUPPRESS, Call.Type.REVIVE);
        assertThat(sent.get(0).getSuppress().getRolesList()).containsExactly("svc-role");
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aLaunchThatNeverReportsIsKilledAndItsStepGoesBackToPendingAfterTheLaunchTimeout() {
        MovingClock clock = new MovingClock(Instant.parse("2026-01-01T00:00:00Z"));
        CassandraScheduler timed = CassandraScheduler.create(
                config,
                frameworks,
                tasks,
                plans,
                state,
                () -> UUID.nameUUIDFromBytes(new byte[] {1}),
                MesosSettings.defaults(),
                clock,
                new ExecutorSecrets(
                        org.cassandramesos.scheduler.secrets.ClusterSecrets.fromEnvironment(
                                java.util.Optional.empty(), java.util.Optional.empty()),
                        java.util.Optional.empty()));
        timed.subscribed(mesos, Event.Subscribed.newBuilder().setFrameworkId(FW).build());
        timed.tick();
        timed.received(mesos, offers("O1")); // the ACCEPT goes out, and then nothing: no status ever comes
        Step launched = plans.deploy().steps().findFirst().orElseThrow();
        assertThat(launched.status()).isEqualTo(Status.STARTING);
        String taskId = launched.taskId().orElseThrow();
        timed.tick(); // the launch is seen STARTING now
        sent.clear();

        clock.advance(MesosSettings.defaults().launchTimeout().minusSeconds(1));
        timed.tick();
        assertThat(plans.deploy().steps().findFirst().orElseThrow().status()).isEqualTo(Status.STARTING);
        assertThat(sentTypes()).doesNotContain(Call.Type.KILL);

        clock.advance(Duration.ofSeconds(1));
        timed.tick();
        Step after = plans.deploy().steps().findFirst().orElseThrow();
        assertThat(after.status()).isEqualTo(Status.PENDING);
        assertThat(after.message()).contains("launch timed out", taskId);
        assertThat(after.taskId()).isEmpty();
        assertThat(sent)
                .filteredOn(c -> c.getType() == Call.Type.KILL)
                .singleElement()
                .satisfies(kill ->
                        assertThat(kill.getKill().getTaskId().getValue()).isEqualTo(taskId));
    }

    @Test
    void afterADisconnectNothingIsSent() {
        subscribe();
        scheduler.disconnected();
        sent.clear();

        scheduler.tick();

        assertThat(sent).isEmpty();
        assertThat(scheduler.isSubscribed()).isFalse();
    }
}
