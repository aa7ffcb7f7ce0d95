package org.cassandramesos.executor.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.Protos.Value;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.offer.Evaluation;
import org.cassandramesos.scheduler.offer.LaunchContext;
import org.cassandramesos.scheduler.offer.NodeRequirement;
import org.cassandramesos.scheduler.offer.OfferEvaluator;
import org.cassandramesos.scheduler.offer.PendingNode;

/**
 * A node's TaskInfo as the scheduler builds it: the production {@link OfferEvaluator} (and through it the
 * {@code TaskInfoFactory}) placing a first launch on an offer from one agent, and the environment an agent gives the
 * executor it starts for that task. The executor's tests read these instead of TaskInfos built by hand, so a change in
 * what the scheduler writes shows up where the executor reads it.
 */
final class ProductionPlacements {
    static final String SERVICE = "cassandra";
    static final String ROLE = "cassandra-role";
    static final String PRINCIPAL = "cassandra-principal";

    private ProductionPlacements() {}

    /** The production defaults for {@value #SERVICE}, under this test's role and principal. */
    static ServiceConfig config() {
        return ServiceConfig.defaults(SERVICE).withIdentity(SERVICE, ROLE, PRINCIPAL);
    }

    /** The TaskInfo the scheduler launches for {@code node}'s first placement on an agent at {@code agentIp}. */
    static TaskInfo firstLaunch(ServiceConfig config, String node, String agentIp) {
        PendingNode pending = new PendingNode(
                NodeRequirement.of(node, config),
                Optional.empty(),
                List.of(),
                new LaunchContext(
                        FrameworkID.newBuilder().setValue("framework-1").build(),
                        UUID.randomUUID(),
                        List.of(),
                        true,
                        Optional.empty()));
        Evaluation evaluation = new OfferEvaluator(config).evaluate(pending, roomyOffer(agentIp));
        assertThat(evaluation).isInstanceOf(Evaluation.Recommendation.class);
        return ((Evaluation.Recommendation) evaluation).task();
    }

    /**
     * The executor's environment as an agent sets it: the ExecutorInfo's variables, SECRET ones resolved from
     * {@code secretStore} (as DC/OS Enterprise's secret store does; a reference it lacks fails the launch there),
     * plus the variables every agent adds.
     */
    static Map<String, String> agentEnvironment(
            TaskInfo task, Path sandbox, String agentIp, Map<String, String> secretStore) {
        Map<String, String> env = new HashMap<>();
        for (Environment.Variable v :
                task.getExecutor().getCommand().getEnvironment().getVariablesList()) {
            if (v.getType() == Environment.Variable.Type.SECRET) {
                String reference = v.getSecret().getReference().getName();
                assertThat(secretStore)
                        .as("the secret store holds " + reference)
                        .containsKey(reference);
                env.put(v.getName(), secretStore.get(reference));
            } else {
                env.put(v.getName(), v.getValue());
            }
        }
        env.put("MESOS_SANDBOX", sandbox.toString());
        env.put("LIBPROCESS_IP", agentIp);
        env.put("MESOS_AGENT_ENDPOINT", agentIp + ":5051");
        env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "60secs");
        return env;
    }

    /** An offer of unreserved resources with room for a node, the Cassandra default ports among them. */
    private static Offer roomyOffer(String agentIp) {
        Offer.Builder offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue("offer-1"))
                .setFrameworkId(FrameworkID.newBuilder().setValue("framework-1"))
                .setAgentId(AgentID.newBuilder().setValue("agent-1"))
                .setHostname(agentIp)
                .setUrl(URL.newBuilder()
                        .setScheme("http")
                        .setAddress(Address.newBuilder()
                                .setHostname(agentIp)
                                .setIp(agentIp)
                                .setPort(5051)))
                .addResources(scalar("cpus", 8))
                .addResources(scalar("mem", 32768))
                .addResources(scalar("disk", 102400));
        Value.Ranges.Builder ports = Value.Ranges.newBuilder();
        for (long[] range :
                new long[][] {{7000, 7000}, {7070, 7070}, {7199, 7199}, {9001, 9001}, {9042, 9042}, {31000, 32000}}) {
            ports.addRange(Value.Range.newBuilder().setBegin(range[0]).setEnd(range[1]));
        }
        offer.addResources(Resource.newBuilder()
                .setName("ports")
                .setType(Value.Type.RANGES)
                .setRanges(ports)
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE)));
        return offer.build();
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE))
                .build();
    }
}
