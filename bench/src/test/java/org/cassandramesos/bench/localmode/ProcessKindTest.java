package org.cassandramesos.bench.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessKindTest {
    @Test
    void tellsLocalModesProcessesApartByCommandLine() {
        assertThat(ProcessKind.of("/usr/bin/java -Xmx512m -cp x org.cassandramesos.localmode.LocalModeMain --repo /r"))
                .isEqualTo(ProcessKind.LOCAL_MODE);
        assertThat(ProcessKind.of(
                        "java -cp lib/* org.cassandramesos.scheduler.SchedulerApplication server conf/scheduler.yml"))
                .isEqualTo(ProcessKind.SCHEDULER);
        assertThat(ProcessKind.of("java -cp executor/lib/* org.cassandramesos.executor.mesos.Main"))
                .isEqualTo(ProcessKind.EXECUTOR);
        assertThat(ProcessKind.of("java -Xms256m -cp conf:lib/* org.apache.cassandra.service.CassandraDaemon"))
                .isEqualTo(ProcessKind.CASSANDRA);
        assertThat(ProcessKind.of("java -cp s3proxy-dist/target/dist/lib/* org.gaul.s3proxy.Main"))
                .isEqualTo(ProcessKind.S3PROXY);
        assertThat(ProcessKind.of("sh -c exec ./executor/bin/executor")).isEqualTo(ProcessKind.OTHER);
    }
}
