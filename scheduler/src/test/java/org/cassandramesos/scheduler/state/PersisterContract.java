package org.cassandramesos.scheduler.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link Persister} must do; run against memory and ZooKeeper alike. */
abstract class PersisterContract {

    abstract Persister persister();

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static String text(Persister persister, String path) {
        return persister.get(path).map(b -> new String(b, UTF_8)).orElse(null);
    }

    @Test
    void readsBackWhatWasWrittenAndOverwrites() {
        Persister p = persister();
        p.set("/a/b/c", bytes("one"));
        assertThat(text(p, "/a/b/c")).isEqualTo("one");
        p.set("/a/b/c", bytes("two"));
        assertThat(text(p, "/a/b/c")).isEqualTo("two");
    }

    @Test
    void missingPathsAndValuelessParentsReadAsAbsent() {
        Persister p = persister();
        p.set("/x/y", bytes("v"));
        assertThat(p.get("/nothing")).isEmpty();
        assertThat(p.get("/x")).isEmpty();
        assertThat(p.children("/nothing")).isEmpty();
    }

    @Test
    void listsDirectChildrenSorted() {
        Persister p = persister();
        p.set("/nodes/node-1/record", bytes("1"));
        p.set("/nodes/node-0/record", bytes("0"));
        p.set("/nodes/node-0/task-info", bytes("t"));
        p.set("/nodes-other", bytes("not a child"));
        assertThat(p.children("/nodes")).containsExactly("node-0", "node-1");
        assertThat(p.children("/nodes/node-0")).containsExactly("record", "task-info");
        assertThat(p.children("/")).contains("nodes", "nodes-other");
    }

    @Test
    void deletesRecursivelyAndIgnoresMissingPaths() {
        Persister p = persister();
        p.set("/nodes/node-0/record", bytes("0"));
        p.set("/nodes/node-0/task-info", bytes("t"));
        p.set("/nodes/node-1/record", bytes("1"));
        p.delete("/nodes/node-0");
        p.delete("/never-existed");
        assertThat(p.children("/nodes")).containsExactly("node-1");
        assertThat(p.get("/nodes/node-0/record")).isEmpty();
    }

    @Test
    void setAllWritesEveryValueIncludingNewParentsAndExistingPaths() {
        Persister p = persister();
        p.set("/configs/old", bytes("old"));
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("/configs/old", bytes("updated"));
        values.put("/configs/new", bytes("new"));
        values.put("/deep/down/below", bytes("deep"));
        values.put("/deep", bytes("parent with a value"));
        p.setAll(values);
        assertThat(text(p, "/configs/old")).isEqualTo("updated");
        assertThat(text(p, "/configs/new")).isEqualTo("new");
        assertThat(text(p, "/deep/down/below")).isEqualTo("deep");
        assertThat(text(p, "/deep")).isEqualTo("parent with a value");
    }

    @Test
    void commitSetsAndDeletesTogether() {
        Persister p = persister();
        p.set("/n/status", bytes("old status"));
        p.commit(Map.of("/n/info", bytes("new info")), List.of("/n/status", "/n/not-there"));
        assertThat(text(p, "/n/info")).isEqualTo("new info");
        assertThat(p.get("/n/status")).isEmpty();
    }

    @Test
    void aFailingCommitWritesNothing() {
        Persister p = persister();
        p.set("/keep/child", bytes("c"));
        p.set("/value", bytes("before"));
        assertThatThrownBy(() -> p.commit(Map.of("/value", bytes("after"), "/fresh", bytes("f")), List.of("/keep")))
                .isInstanceOf(PersisterException.class);
        assertThat(text(p, "/value")).isEqualTo("before");
        assertThat(p.get("/fresh")).isEmpty();
        assertThat(text(p, "/keep/child")).isEqualTo("c");
    }

    @Test
    void valuesAndListingsReadBeforeAWriteFollowIt() {
        Persister p = persister();
        assertThat(p.children("/nodes")).isEmpty();
        assertThat(p.get("/nodes/node-0/record")).isEmpty();
        assertThat(p.children("/")).doesNotContain("nodes");

        p.set("/nodes/node-0/record", bytes("0"));
        assertThat(p.children("/")).contains("nodes");
        assertThat(p.children("/nodes")).containsExactly("node-0");
        assertThat(text(p, "/nodes/node-0/record")).isEqualTo("0");

        p.commit(
                Map.of("/nodes/node-1/record", bytes("1"), "/nodes/node-0/task-info", bytes("t")),
                List.of("/nodes/node-0/record"));
        assertThat(p.children("/nodes")).containsExactly("node-0", "node-1");
        assertThat(p.children("/nodes/node-0")).containsExactly("task-info");
        assertThat(p.get("/nodes/node-0/record")).isEmpty();

        p.delete("/nodes/node-0");
        assertThat(p.children("/nodes")).containsExactly("node-1");
        assertThat(p.children("/nodes/node-0")).isEmpty();
        assertThat(p.get("/nodes/node-0/task-info")).isEmpty();

        p.set("/nodes/node-1/record", new byte[0]);
        assertThat(p.get("/nodes/node-1/record"))
                .as("an empty value reads as absent")
                .isEmpty();
        assertThat(p.children("/nodes/node-1")).containsExactly("record");
    }

    @Test
    void deletingTheRootDeletesEverything() {
        Persister p = persister();
        p.set("/framework-id", bytes("FW"));
        p.set("/nodes/node-0/record", bytes("0"));
        assertThat(p.children("/")).contains("framework-id", "nodes");
        assertThat(text(p, "/nodes/node-0/record")).isEqualTo("0");

        p.delete("/");

        assertThat(p.children("/")).isEmpty();
        assertThat(p.children("/nodes")).isEmpty();
        assertThat(p.get("/framework-id")).isEmpty();
        assertThat(p.get("/nodes/node-0/record")).isEmpty();
    }

    @Test
    void rejectsRelativePaths() {
        assertThatThrownBy(() -> persister().get("relative")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> persister().set("/trailing/", bytes("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
