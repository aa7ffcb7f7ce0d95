package org.cassandramesos.localmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --agents}: how many Mesos agents local mode starts for its nodes, and what its banner says of them. */
class LocalModeAgentsTest {

    private static LocalModeSettings parsed(String... args) {
        LocalModeMain main = new LocalModeMain();
        new CommandLine(main).parseArgs(args);
        return main.settings("alice");
    }

    @Test
    void byDefaultOneAgentMoreThanNodesSoAReplaceHasSomewhereToGo() {
        assertThat(parsed().agents()).isEqualTo(4);
        assertThat(parsed("--nodes", "5").agents()).isEqualTo(6);
        assertThat(LocalModeMain.agentsLine(parsed()))
                .isEqualTo("4 on 127.0.0.2-127.0.0.5 for 3 node(s): 1 spare, where a replace or a scale-out goes");
    }

    @Test
    void asManyAgentsAsAskedAtLeastOnePerNode() {
        LocalModeSettings exact = parsed("--nodes", "3", "--agents", "3");

        assertThat(exact.agents()).isEqualTo(3);
        assertThat(LocalModeMain.agentsLine(exact))
                .isEqualTo("3 on 127.0.0.2-127.0.0.4 for 3 node(s): no spare"
                        + " (--agents 4 leaves one for a replace or a scale-out)");
        assertThat(parsed("--nodes", "1", "--agents", "6").agents()).isEqualTo(6);
    }

    @Test
    void fewerAgentsThanNodesIsAUsageError() {
        assertThatThrownBy(() -> parsed("--nodes", "3", "--agents", "2"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("--agents must be at least --nodes (3): one node per agent, got 2");
        assertThatThrownBy(() -> parsed("--agents", "254"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("at most 253");
    }

    @Test
    void theSuitesConstructorKeepsOneAgentPerNode() {
        assertThat(new LocalModeSettings(3, 256, 9000, 9001, false, "alice").agents())
                .isEqualTo(3);
    }
}
