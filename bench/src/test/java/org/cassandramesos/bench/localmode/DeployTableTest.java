package org.cassandramesos.bench.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DeployTableTest {
    private static ProcessSample mb(ProcessKind kind, long mb) {
        return new ProcessSample(1, kind, mb * 1024);
    }

    private static RunResult plain(double seconds) {
        return new RunResult(
                seconds,
                List.of(mb(ProcessKind.CASSANDRA, 700), mb(ProcessKind.CASSANDRA, 720), mb(ProcessKind.CASSANDRA, 740)),
                List.of(),
                OptionalDouble.empty());
    }

    private static RunResult local(double seconds, long schedulerMb) {
        return new RunResult(
                seconds,
                List.of(
                        mb(ProcessKind.LOCAL_MODE, 300),
                        mb(ProcessKind.SCHEDULER, schedulerMb),
                        mb(ProcessKind.EXECUTOR, 90),
                        mb(ProcessKind.EXECUTOR, 110),
                        mb(ProcessKind.EXECUTOR, 100),
                        mb(ProcessKind.CASSANDRA, 750),
                        mb(ProcessKind.CASSANDRA, 760),
                        mb(ProcessKind.CASSANDRA, 770)),
                List.of(),
                OptionalDouble.of(12.0));
    }

    @Test
    void setsLocalModeAgainstThePlainScriptWithMediansAndRatio() {
        String md = DeployTable.render(
                "# t\n\n",
                List.of(plain(40), plain(30), plain(50)),
                List.of(local(90, 200), local(60, 220), local(75, 240)),
                "footer\n");

        assertThat(md).startsWith("# t\n\n| mode | runs | median s | min s | max s | ratio to plain script |");
        assertThat(md).contains("| " + DeployTable.PLAIN + " | 3 | 40.00 | 30.00 | 50.00 | 1.00 |");
        assertThat(md).contains("| " + DeployTable.LOCAL + " | 3 | 75.00 | 60.00 | 90.00 | 1.88 |");
        assertThat(md).contains("answered `GET /v1/plan`: median 12.00 s");
        assertThat(md).endsWith("footer\n");
    }

    @Test
    void listsEachProcessKindWithItsPerRunCountAndMedianRss() {
        String md = DeployTable.render("", List.of(plain(40)), List.of(local(60, 200), local(70, 260)), "");

        assertThat(md).contains("| local mode | scheduler | 1 | 230 | 200 | 260 |");
        assertThat(md).contains("| local mode | executor | 3 | 100 | 90 | 110 |");
        assertThat(md).contains("| local mode | Cassandra | 3 | 760 | 750 | 770 |");
        assertThat(md).contains("| plain script | Cassandra | 3 | 720 | 700 | 740 |");
        // local runs: 300 + 200|260 + 300 + 2280 = 3080|3140 → 3110; plain: 700 + 720 + 740 = 2160
        assertThat(md).contains("Total RSS per run (median): local mode 3110 MB, plain script 2160 MB.");
        assertThat(md).contains("Every process of every run was gone");
    }

    @Test
    void reportsProcessesThatOutlivedTheirModesShutdown() {
        RunResult leaky = new RunResult(60, List.of(), List.of("4242 CASSANDRA"), OptionalDouble.empty());

        String md = DeployTable.render("", List.of(plain(40)), List.of(leaky), "");

        assertThat(md).contains("outlived their mode's shutdown (then killed by the harness): [4242 CASSANDRA]");
    }
}
