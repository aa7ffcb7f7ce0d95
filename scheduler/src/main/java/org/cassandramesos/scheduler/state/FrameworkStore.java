package org.cassandramesos.scheduler.state;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkID;

/** The framework id from the first SUBSCRIBED: losing it orphans every task and reservation. */
public final class FrameworkStore {
    static final String PATH = "/framework-id";

    private final Persister persister;

    public FrameworkStore(Persister persister) {
        this.persister = persister;
    }

    public Optional<FrameworkID> get() {
        return persister
                .get(PATH)
                .map(bytes -> FrameworkID.newBuilder()
                        .setValue(new String(bytes, StandardCharsets.UTF_8))
                        .build());
    }

    public void store(FrameworkID frameworkId) {
        persister.set(PATH, frameworkId.getValue().getBytes(StandardCharsets.UTF_8));
    }

    /** After a teardown: the next SUBSCRIBE registers a new framework. */
    public void clear() {
        persister.delete(PATH);
    }
}
