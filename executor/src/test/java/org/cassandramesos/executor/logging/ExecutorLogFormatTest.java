package org.cassandramesos.executor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cassandramesos.executor.cql.CqlCredentials;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** The executor's bundled logback.xml with LOG_FORMAT as the scheduler sets it in the task's environment. */
class ExecutorLogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonFormatWritesOneParseableObjectPerEventWithoutSecrets() throws Exception {
        String[] lines = logWith("json", log -> {
            MDC.put("token", "mdc-secret-value");
            try {
                log.info("logged in as {}", new CqlCredentials("admin", "hunter2-password"));
                log.warn("node-0 did not answer", new IllegalStateException("timed out"));
            } finally {
                MDC.remove("token");
            }
        });

        assertThat(lines).hasSize(2);
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(JSON.readTree(line));
        }
        assertThat(events.get(0).path("level").asText()).isEqualTo("INFO");
        assertThat(events.get(0).path("loggerName").asText()).isEqualTo("executor.test");
        assertThat(events.get(0).path("formattedMessage").asText())
                .isEqualTo("logged in as CqlCredentials[user=admin, password=<redacted>]");
        assertThat(events.get(1).path("level").asText()).isEqualTo("WARN");
        assertThat(events.get(1).path("throwable").path("message").asText()).isEqualTo("timed out");
        assertThat(String.join("\n", lines)).doesNotContain("hunter2-password", "mdc-secret-value");
    }

    @Test
    void textFormatIsTheDefault() throws Exception {
        String[] lines = logWith(null, log -> log.info("node-0 started"));

        assertThat(lines).hasSize(1);
        assertThat(lines[0]).contains("INFO", "executor.test - node-0 started").doesNotStartWith("{");
    }

    private static String[] logWith(String format, java.util.function.Consumer<Logger> logging) throws Exception {
        LoggerContext context = new LoggerContext();
        // the MDC the code under test writes to (slf4j's), so that a secret put there could reach the output
        context.setMDCAdapter(MDC.getMDCAdapter());
        if (format != null) {
            context.putProperty("LOG_FORMAT", format);
        }
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(ExecutorLogFormatTest.class.getResource("/logback.xml"));
            logging.accept(context.getLogger("executor.test"));
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        String out = captured.toString(StandardCharsets.UTF_8).strip();
        return out.isEmpty() ? new String[0] : out.split("\n");
    }
}
