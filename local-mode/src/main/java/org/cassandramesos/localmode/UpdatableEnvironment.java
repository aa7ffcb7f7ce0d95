package org.cassandramesos.localmode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scheduler environment with the variables the package options of {@code update start} set laid over it, as Marathon
 * runs the scheduler app Cosmos rendered with the new options: each start of the scheduler process takes the variables
 * in force then ({@link #use}), so a restart brings them.
 */
final class UpdatableEnvironment implements SchedulerEnvironment {
    private final SchedulerEnvironment base;
    private volatile Map<String, String> overrides;

    UpdatableEnvironment(SchedulerEnvironment base, Map<String, String> overrides) {
        this.base = base;
        this.overrides = Map.copyOf(overrides);
    }

    /** The variables the next start of the scheduler runs with over the base environment's. */
    void use(Map<String, String> variables) {
        this.overrides = Map.copyOf(variables);
    }

    Map<String, String> overrides() {
        return overrides;
    }

    @Override
    public void prepareSandbox(Infrastructure infrastructure) throws IOException {
        base.prepareSandbox(infrastructure);
    }

    @Override
    public List<String> command(Infrastructure infrastructure) {
        return base.command(infrastructure);
    }

    @Override
    public Map<String, String> variables(Infrastructure infrastructure) {
        Map<String, String> env = new LinkedHashMap<>(base.variables(infrastructure));
        env.putAll(overrides);
        return env;
    }

    @Override
    public Map<String, String> frameworkCredentials() {
        return base.frameworkCredentials();
    }

    @Override
    public Optional<Map<String, String>> agentSecretStore() {
        return base.agentSecretStore();
    }

    @Override
    public boolean apiOverTls() {
        return base.apiOverTls();
    }
}
