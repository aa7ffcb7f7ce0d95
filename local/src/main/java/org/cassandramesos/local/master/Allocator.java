package org.cassandramesos.local.master;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.local.resources.Resources;

/**
 * Turns free agent resources into offers: per framework × role × agent, everything unreserved
 * plus that role's reservations and volumes, minus what tasks, executors and other offers hold,
 * unless a refuse filter hides the agent. Runs on the master's thread.
 */
final class Allocator {
    private final MasterBooks books;
    private final ScheduledExecutorService actor;
    private final Duration offerTimeout;
    private final Clock clock;

    Allocator(MasterBooks books, ScheduledExecutorService actor, Duration offerTimeout, Clock clock) {
        this.books = books;
        this.actor = actor;
        this.offerTimeout = offerTimeout;
        this.clock = clock;
    }

    void allocate() {
        Instant now = clock.instant();
        for (FrameworkState framework : books.frameworks.values()) {
            if (!framework.connected()) continue;
            List<Offer> made = new ArrayList<>();
            for (String role : framework.roles()) {
                if (framework.suppressedRoles.contains(role)) continue;
                for (AgentState agent : books.agents.values()) {
                    if (!agent.reachable) continue;
                    Resources offerable = books.available(agent).offerableTo(role);
                    if (offerable.isEmpty() || framework.filters.filters(role, agent.id(), offerable, now)) continue;
                    made.add(offer(framework, role, agent, offerable));
                }
            }
            if (!made.isEmpty()) {
                framework.send(Event.newBuilder()
                        .setType(Event.Type.OFFERS)
                        .setOffers(Event.Offers.newBuilder().addAllOffers(made))
                        .build());
            }
        }
    }

    private Offer offer(FrameworkState framework, String role, AgentState agent, Resources resources) {
        String id = books.newOfferId();
        Offer.Builder offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue(id))
                .setFrameworkId(framework.id)
                .setAgentId(agent.info.getId())
                .setHostname(agent.info.getHostname())
                .setUrl(URL.newBuilder()
                        .setScheme("http")
                        .setPath("/slave(1)")
                        .setAddress(Address.newBuilder()
                                .setHostname(agent.info.getHostname())
                                .setIp(agent.info.getHostname())
                                .setPort(agent.info.getPort())))
                .addAllResources(resources.allocatedTo(role))
                .addAllAttributes(agent.info.getAttributesList())
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role));
        String prefix = framework.id.getValue() + "/";
        for (String key : agent.executors.keySet()) {
            if (key.startsWith(prefix))
                offer.addExecutorIds(ExecutorID.newBuilder().setValue(key.substring(prefix.length())));
        }
        ScheduledFuture<?>[] timeout = new ScheduledFuture<?>[1];
        OfferRecord record =
                new OfferRecord(offer.build(), framework.id.getValue(), agent.id(), role, resources, timeout);
        books.offers.put(id, record);
        if (offerTimeout != null) {
            timeout[0] = actor.schedule(
                    () -> {
                        if (books.offers.containsKey(id)) {
                            remove(record, true);
                            allocate();
                        }
                    },
                    offerTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return record.offer();
    }

    /** Takes an offer out of the books, telling the framework with RESCIND when {@code rescind}. */
    void remove(OfferRecord record, boolean rescind) {
        books.offers.remove(record.id());
        if (record.timeout()[0] != null) record.timeout()[0].cancel(false);
        if (rescind) {
            FrameworkState f = books.frameworks.get(record.frameworkId());
            if (f != null) {
                f.send(Event.newBuilder()
                        .setType(Event.Type.RESCIND)
                        .setRescind(Event.Rescind.newBuilder()
                                .setOfferId(record.offer().getId()))
                        .build());
            }
        }
    }

    void removeOffersOfFramework(String frameworkId, boolean rescind) {
        for (OfferRecord o : new ArrayList<>(books.offers.values())) {
            if (o.frameworkId().equals(frameworkId)) remove(o, rescind);
        }
    }

    void removeOffersOnAgent(String agentId, boolean rescind) {
        for (OfferRecord o : new ArrayList<>(books.offers.values())) {
            if (o.agentId().equals(agentId)) remove(o, rescind);
        }
    }

    /** Executors new to the agent count against the offer; running ones are already paid for. */
    static boolean isNewExecutor(MasterBooks books, String agentId, String frameworkId, ExecutorInfo executor) {
        return books.executor(agentId, frameworkId, executor.getExecutorId().getValue()) == null;
    }
}
