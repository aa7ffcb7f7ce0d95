package org.cassandramesos.local.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cassandramesos.mesos.ProtoJson;

/**
 * What an agent keeps on disk under {@code <workDir>/meta} so a restart finds it again: its id,
 * its reservations and volumes, and its tasks with their unacknowledged updates. Files are
 * written atomically (temp file + rename).
 */
final class AgentCheckpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One checkpointed task. */
    record TaskRecord(FrameworkInfo framework, TaskInfo task, TaskStatus latest, List<TaskStatus> pending) {}

    private final Path meta;

    AgentCheckpoint(Path workDir) {
        this.meta = workDir.resolve("meta");
        try {
            Files.createDirectories(meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The agent id kept from an earlier run, or a new one (an agent keeps its id across restarts). */
    String agentId(int index) {
        Path file = meta.resolve("agent_id");
        try {
            if (Files.exists(file)) return Files.readString(file).trim();
            String id = UUID.randomUUID() + "-S" + index;
            write(file, id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Resource> resources() {
        JsonNode root = read("resources.json");
        List<Resource> out = new ArrayList<>();
        if (root != null) root.forEach(n -> out.add(parse(n, Resource.newBuilder())));
        return out;
    }

    void saveResources(List<Resource> resources) {
        ArrayNode root = JSON.createArrayNode();
        resources.forEach(r -> root.add(tree(r)));
        save("resources.json", root);
    }

    List<TaskRecord> tasks() {
        JsonNode root = read("tasks.json");
        List<TaskRecord> out = new ArrayList<>();
        if (root == null) return out;
        for (JsonNode n : root) {
            List<TaskStatus> pending = new ArrayList<>();
            n.get("pending").forEach(p -> pending.add(parse(p, TaskStatus.newBuilder())));
            TaskStatus latest = n.hasNonNull("latest") ? parse(n.get("latest"), TaskStatus.newBuilder()) : null;
            out.add(new TaskRecord(
                    parse(n.get("framework"), FrameworkInfo.newBuilder()),
                    parse(n.get("task"), TaskInfo.newBuilder()),
                    latest,
                    pending));
        }
        return out;
    }

    void saveTasks(List<TaskRecord> tasks) {
        ArrayNode root = JSON.createArrayNode();
        for (TaskRecord t : tasks) {
            ObjectNode n = root.addObject();
            n.set("framework", tree(t.framework()));
            n.set("task", tree(t.task()));
            if (t.latest() != null) n.set("latest", tree(t.latest()));
            ArrayNode pending = n.putArray("pending");
            t.pending().forEach(p -> pending.add(tree(p)));
        }
        save("tasks.json", root);
    }

    /** An executor process this agent started: killed on the next start if it is still around. */
    record ExecutorProcess(long pid, long startMillis) {}

    List<ExecutorProcess> executorProcesses() {
        JsonNode root = read("executors.json");
        List<ExecutorProcess> out = new ArrayList<>();
        if (root != null)
            root.forEach(n -> out.add(new ExecutorProcess(
                    n.get("pid").asLong(), n.get("start_millis").asLong())));
        return out;
    }

    void saveExecutorProcesses(List<ExecutorProcess> processes) {
        ArrayNode root = JSON.createArrayNode();
        processes.forEach(p -> root.addObject().put("pid", p.pid()).put("start_millis", p.startMillis()));
        save("executors.json", root);
    }

    private JsonNode read(String name) {
        Path file = meta.resolve(name);
        if (!Files.exists(file)) return null;
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt agent checkpoint " + file, e);
        }
    }

    private void save(String name, JsonNode root) {
        try {
            write(meta.resolve(name), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode tree(Message m) {
        try {
            return JSON.readTree(ProtoJson.print(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T extends Message> T parse(JsonNode n, Message.Builder builder) {
        try {
            return ProtoJson.parse(n.toString(), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("corrupt agent checkpoint entry " + n, e);
        }
    }
}
