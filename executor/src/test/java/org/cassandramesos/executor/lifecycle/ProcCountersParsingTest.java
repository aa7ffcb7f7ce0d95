package org.cassandramesos.executor.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.jobs.NodeProcessInfo.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcCountersParsingTest {
    private static final String IO = """
            rchar: 323934931
            wchar: 323929600
            syscr: 632687
            syscw: 632675
            read_bytes: 4096
            write_bytes: 323932160
            cancelled_write_bytes: 0
            """;
    private static final String NET_DEV = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:12345678   90123    0    0    0     0          0         0 12345678   90123    0    0    0     0       0          0
              eth0: 987654321  765432    0   12    0     0          0         3 123456789  345678    0    0    0     0       0          0
            """;

    @TempDir
    Path proc;

    @Test
    void procIoGivesStorageBytesAndSystemCalls() {
        ProcIo io = ProcIo.parse(IO);

        assertThat(io).isEqualTo(new ProcIo(4096, 323932160, 632687, 632675));
        assertThat(io.counters())
                .containsEntry("block:0:read:bytes", 4096L)
                .containsEntry("block:0:write:bytes", 323932160L)
                .containsEntry("block:0:read:requests", 632687L)
                .containsEntry("block:0:write:requests", 632675L);
    }

    @Test
    void procIoWithoutAFieldIsRefusedNamingIt() {
        assertThatThrownBy(() -> ProcIo.parse("rchar: 1\nsyscr: 2\n")).hasMessageContaining("no read_bytes");
    }

    @Test
    void netDevGivesEachInterfacesBytesAndPackets() {
        Map<String, NetDev> interfaces = NetDev.parse(NET_DEV);

        assertThat(interfaces).containsOnlyKeys("lo", "eth0");
        assertThat(interfaces.get("lo")).isEqualTo(new NetDev(12345678, 90123, 12345678, 90123));
        assertThat(interfaces.get("eth0")).isEqualTo(new NetDev(987654321, 765432, 123456789, 345678));
        assertThat(interfaces.get("eth0").counters())
                .containsEntry("rx:bytes", 987654321L)
                .containsEntry("tx:packets", 345678L);
    }

    @Test
    void countersOfALoopbackNodeComeFromLo() throws Exception {
        Files.createDirectories(proc.resolve("42/net"));
        Files.writeString(proc.resolve("42/io"), IO);
        Files.writeString(proc.resolve("42/net/dev"), NET_DEV);

        Map<String, Long> counters = new ProcessCounters(proc).read(42, "127.0.0.11");

        assertThat(counters).hasSize(8).containsEntry("rx:bytes", 12345678L).containsEntry("block:0:read:bytes", 4096L);
        assertThat(new ProcessCounters(proc).read(43, "127.0.0.11"))
                .as("a process that is gone")
                .isEmpty();
    }

    @Test
    void statusFollowsProcessServingAndHowItLastEnded() {
        assertThat(ProcessStatusRule.of(true, true, Optional.empty())).isEqualTo(Status.ACTIVE);
        assertThat(ProcessStatusRule.of(true, false, Optional.of(true))).isEqualTo(Status.PAUSED);
        assertThat(ProcessStatusRule.of(false, false, Optional.of(true))).isEqualTo(Status.STOPPED);
        assertThat(ProcessStatusRule.of(false, false, Optional.of(false))).isEqualTo(Status.DEAD);
        assertThat(ProcessStatusRule.of(false, false, Optional.empty()))
                .as("never started")
                .isEqualTo(Status.STOPPED);
    }
}
