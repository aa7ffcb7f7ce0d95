package org.cassandramesos.scheduler.ops;

import java.util.Optional;
import org.cassandramesos.scheduler.state.Persister;
import org.cassandramesos.scheduler.state.PlanStore;
import org.cassandramesos.scheduler.state.StateJson;

/**
 * The cluster's latest operation at {@code /operations/current} (its steps' progress is plan progress in
 * {@link PlanStore}). One at a time: starting another replaces it. Holds no secrets: {@link Operation} has
 * no field for them.
 */
public final class OperationStore {
    static final String CURRENT = "/operations/current";

    private final Persister persister;

    public OperationStore(Persister persister) {
        this.persister = persister;
    }

    public Optional<Operation> current() {
        return persister.get(CURRENT).map(bytes -> StateJson.read(bytes, Operation.class, CURRENT));
    }

    public void store(Operation operation) {
        persister.set(CURRENT, StateJson.write(operation));
    }
}
