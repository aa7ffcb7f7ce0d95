package org.cassandramesos.bench.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cassandramesos.mesos.ProtoJson;
import org.cassandramesos.mesos.RecordIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding of OFFERS events as the scheduler receives them: RecordIO de-framing of a wire buffer
 * cut into 16 KiB chunks, then JSON → {@link Event}. Baseline in the same run: the same bytes
 * de-framed the same way and parsed by Jackson into a tree (the cost of reading the JSON at all).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OffersDecodeBenchmark {
    static final int EVENTS = 20;
    private static final int CHUNK = 16 * 1024;
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Param({"1", "100"})
    public int offersPerEvent;

    private byte[] wire;

    @Setup(Level.Trial)
    public void setUp() {
        wire = OffersEvents.wire(offersPerEvent, EVENTS);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void recordIoAndProtoJson(Blackhole bh) throws IOException {
        RecordIO.Decoder decoder = new RecordIO.Decoder();
        for (int off = 0; off < wire.length; off += CHUNK) {
            List<byte[]> records = decoder.feed(wire, off, Math.min(CHUNK, wire.length - off));
            for (byte[] record : records) {
                Event event = ProtoJson.parse(record, Event.newBuilder());
                bh.consume(event);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void baselineRecordIoAndJacksonTree(Blackhole bh) throws IOException {
        RecordIO.Decoder decoder = new RecordIO.Decoder();
        for (int off = 0; off < wire.length; off += CHUNK) {
            List<byte[]> records = decoder.feed(wire, off, Math.min(CHUNK, wire.length - off));
            for (byte[] record : records) {
                JsonNode tree = JACKSON.readTree(record);
                bh.consume(tree);
            }
        }
    }
}
