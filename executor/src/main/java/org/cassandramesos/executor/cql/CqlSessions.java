package org.cassandramesos.executor.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/** The one way the executor opens a CQL session to its own node: bounded requests, and the login when there is one. */
public final class CqlSessions {
    private CqlSessions() {}

    public static CqlSession open(String ip, int port, String datacenter, Optional<CqlCredentials> login,
            Duration requestTimeout) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, requestTimeout)
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(ip, port))
                .withLocalDatacenter(datacenter)
                .withConfigLoader(config);
        login.ifPresent(l -> builder.withAuthCredentials(l.user(), l.password()));
        return builder.build();
    }
}
