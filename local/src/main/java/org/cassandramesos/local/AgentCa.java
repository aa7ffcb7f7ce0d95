package org.cassandramesos.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cassandramesos.local.agent.AgentHttps;
import org.cassandramesos.tls.CertificateAuthority;

/**
 * The throwaway CA of a local cluster whose agents speak https: a new one each start, its key only in memory, its
 * certificate in {@code <work dir>/agent-ca.crt.pem} for executors to trust.
 */
final class AgentCa {
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final CertificateAuthority ca;
    private final Path caFile;

    private AgentCa(CertificateAuthority ca, Path caFile) {
        this.ca = ca;
        this.caFile = caFile;
    }

    static Path caFile(Path workDir) {
        return workDir.resolve("agent-ca.crt.pem");
    }

    static AgentCa create(Path workDir) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("local-mesos agent CA", VALIDITY);
        Files.createDirectories(workDir);
        // a certificate is public: executors, whatever user they run as, must read it
        Path file = Files.writeString(caFile(workDir), ca.certificatePem());
        return new AgentCa(ca, file);
    }

    /** A certificate for the agent's address (the executor dials {@code MESOS_AGENT_ENDPOINT}, an IP). */
    AgentHttps agentHttps(String ip) {
        return new AgentHttps(ca.issue("local-mesos agent " + ip, List.of(ip), VALIDITY), caFile);
    }
}
