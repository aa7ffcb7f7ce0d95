package org.cassandramesos.it.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;

/** Java-driver sessions against the nodes: contact point = agent IP + native port. */
public final class Cql {
    private Cql() {}

    public static CqlSession session(String ip, int nativePort) {
        // Timeouts for a 2-core machine where schema changes and first connections are slow.
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(15))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(15))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .build();
        return CqlSession.builder().addContactPoint(new InetSocketAddress(ip, nativePort))
                .withLocalDatacenter(NodePlan.DATACENTER).withConfigLoader(config).build();
    }
}
