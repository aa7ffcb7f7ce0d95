package org.cassandramesos.executor.cql;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.cassandramesos.executor.tls.CqlTls;
import org.cassandramesos.tls.TlsMaterial;

/** The one way the executor opens a CQL session to its own node: bounded requests, the login and TLS when there are. */
public final class CqlSessions {
    private CqlSessions() {}

    /** @param tls the node's TLS material: CQL then goes over TLS, trusting the node's CA */
    public static CqlSession open(
            String ip,
            int port,
            String datacenter,
            Optional<CqlCredentials> login,
            Optional<TlsMaterial> tls,
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
        tls.ifPresent(t -> builder.withSslEngineFactory(CqlTls.engineFactory(t)));
        return builder.build();
    }
}
