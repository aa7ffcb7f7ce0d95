package org.cassandramesos.scheduler.secrets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.scheduler.ops.NodeApiToken;

/**
 * The secrets every executor gets through the handshake, by name ({@link SecretBundle}). Today the node API token;
 * CQL and JMX credentials join here under their own names.
 */
public final class ExecutorSecrets implements Supplier<SecretBundle> {
    private final NodeApiToken nodeApiToken;

    public ExecutorSecrets(NodeApiToken nodeApiToken) {
        this.nodeApiToken = nodeApiToken;
    }

    @Override
    public SecretBundle get() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(SecretBundle.NODE_API_TOKEN, nodeApiToken.value()
                .orElseThrow(() -> new IllegalStateException("no NODE_API_TOKEN configured")));
        return SecretBundle.of(values);
    }

    @Override
    public String toString() {
        return "ExecutorSecrets(values redacted)";
    }
}
