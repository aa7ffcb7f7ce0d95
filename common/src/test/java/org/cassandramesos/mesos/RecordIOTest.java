package org.cassandramesos.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordIOTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> decodeInSlices(byte[] wire, int[] cuts) {
        RecordIO.Decoder decoder = new RecordIO.Decoder();
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            decoder.feed(wire, from, cut - from).forEach(r -> out.add(new String(r, StandardCharsets.UTF_8)));
            from = cut;
        }
        decoder.feed(wire, from, wire.length - from).forEach(r -> out.add(new String(r, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void severalRecordsInOneChunkAreAllEmitted() {
        byte[] wire = utf8("5\nhello3\nabc12\n{\"type\":\"x\"}");
        assertThat(decodeInSlices(wire, new int[0])).containsExactly("hello", "abc", "{\"type\":\"x\"}");
    }

    @Test
    void lengthDigitsSplitAcrossChunksAreJoined() {
        byte[] wire = utf8("12\n{\"type\":\"x\"}");
        assertThat(decodeInSlices(wire, new int[] {1, 2, 5})).containsExactly("{\"type\":\"x\"}");
    }

    @Test
    void everyPossibleSplitYieldsTheSameRecords() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        List<String> records = List.of("a", "{\"type\":\"HEARTBEAT\"}", "x".repeat(137), "ü€");
        records.forEach(r -> bos.writeBytes(RecordIO.encode(utf8(r))));
        byte[] wire = bos.toByteArray();
        for (int i = 0; i <= wire.length; i++) {
            for (int j = i; j <= wire.length; j += 7) {
                assertThat(decodeInSlices(wire, new int[] {i, j})).containsExactlyElementsOf(records);
            }
        }
    }

    @Test
    void byteAtATimeDecodingMatchesWholeDecoding() {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Random random = new Random(7);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String r = "r" + i + "-" + "y".repeat(random.nextInt(300));
            records.add(r);
            bos.writeBytes(RecordIO.encode(utf8(r)));
        }
        byte[] wire = bos.toByteArray();
        RecordIO.Decoder decoder = new RecordIO.Decoder();
        List<String> out = new ArrayList<>();
        for (byte b : wire) {
            decoder.feed(new byte[] {b}).forEach(r -> out.add(new String(r, StandardCharsets.UTF_8)));
        }
        assertThat(out).containsExactlyElementsOf(records);
        assertThat(decoder.atBoundary()).isTrue();
    }

    @Test
    void readerReturnsEmptyAtCleanEndAndFailsInsideARecord() throws Exception {
        RecordIO.Reader clean = new RecordIO.Reader(new ByteArrayInputStream(utf8("2\nok")));
        assertThat(clean.next())
                .hasValueSatisfying(
                        r -> assertThat(new String(r, StandardCharsets.UTF_8)).isEqualTo("ok"));
        assertThat(clean.next()).isEmpty();

        RecordIO.Reader truncated = new RecordIO.Reader(new ByteArrayInputStream(utf8("5\nok")));
        assertThatThrownBy(truncated::next).isInstanceOf(RecordIO.RecordIOException.class);
    }

    @Test
    void garbageInTheLengthIsRejected() {
        assertThatThrownBy(() -> new RecordIO.Decoder().feed(utf8("1x\na")))
                .isInstanceOf(RecordIO.RecordIOException.class);
        assertThatThrownBy(() -> new RecordIO.Decoder().feed(utf8("0\n")))
                .isInstanceOf(RecordIO.RecordIOException.class);
        assertThatThrownBy(() -> new RecordIO.Decoder().feed(utf8("999999999999\n")))
                .isInstanceOf(RecordIO.RecordIOException.class);
    }
}
