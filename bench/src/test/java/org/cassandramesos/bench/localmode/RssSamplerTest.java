package org.cassandramesos.bench.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RssSamplerTest {
    @Test
    void readsTheKilobytesOfAVmRssLine() {
        assertThat(RssSampler.parseVmRss("VmRSS:\t  123456 kB")).isEqualTo(OptionalLong.of(123456));
        assertThat(RssSampler.parseVmRss("VmHWM:\t  1 kB")).isEmpty();
    }

    @Test
    void samplesThisJvmFromProc() {
        long pid = ProcessHandle.current().pid();

        assertThat(RssSampler.rssKb(pid).orElseThrow()).isGreaterThan(10_000);
        assertThat(RssSampler.commandLine(pid).orElseThrow()).contains("java");
        assertThat(RssSampler.tree(ProcessHandle.current()))
                .extracting(ProcessSample::pid)
                .contains(pid);
    }

    @Test
    void aProcessThatIsGoneHasNoSample() {
        assertThat(RssSampler.sample(Integer.MAX_VALUE)).isEmpty();
    }
}
