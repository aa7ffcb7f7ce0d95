package org.cassandramesos.scheduler.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * What the scheduler keeps about secrets it generated (docs/secrets.md, "Generated cluster secrets"): never the
 * secrets, only their fingerprint (SHA-256 of high-entropy values) to recognise them when a node returns them, and
 * whether any executor was ever given them (until then, nothing depends on them and they may be made again).
 */
public final class ClusterSecretsStore {
    static final String PATH = "/cluster-secrets";

    /** The stored record. */
    public record Record(
            @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("delivered") boolean delivered) {
        public Record markDelivered() {
            return new Record(fingerprint, true);
        }
    }

    private final Persister persister;

    public ClusterSecretsStore(Persister persister) {
        this.persister = persister;
    }

    public Optional<Record> get() {
        return persister.get(PATH).map(bytes -> StateJson.read(bytes, Record.class, PATH));
    }

    public void store(Record record) {
        persister.set(PATH, StateJson.write(record));
    }
}
