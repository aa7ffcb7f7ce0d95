package org.cassandramesos.scheduler.state;

class MemoryPersisterTest extends PersisterContract {
    private final MemoryPersister persister = new MemoryPersister();

    @Override
    Persister persister() {
        return persister;
    }
}
