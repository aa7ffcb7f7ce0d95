package org.cassandramesos.mesos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mesos RecordIO framing: {@code <decimal length>\n<length bytes>} repeated.
 *
 * <p>Chunk boundaries on the wire are unrelated to record boundaries: a chunk may hold several
 * records, part of one, or split the length digits. {@link Decoder} is fed arbitrary slices and
 * emits whole records only.
 */
public final class RecordIO {
    /** Records above this are refused rather than buffered: a corrupt length must not exhaust the heap. */
    public static final long MAX_RECORD_BYTES = 256L * 1024 * 1024;

    private RecordIO() {}

    public static byte[] encode(byte[] record) {
        byte[] header = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + record.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(record, 0, out, header.length, record.length);
        return out;
    }

    public static void write(OutputStream out, byte[] record) throws IOException {
        out.write(encode(record));
        out.flush();
    }

    /** Incremental decoder; not thread-safe (one per stream). */
    public static final class Decoder {
        private long expected = -1; // -1 while reading the length line
        private long lengthSoFar = 0;
        private int digits = 0;
        private byte[] record;
        private int filled;

        /** Feeds bytes; returns every record completed by them, in order. */
        public List<byte[]> feed(byte[] buf, int off, int len) {
            List<byte[]> out = new ArrayList<>(1);
            int i = off;
            int end = off + len;
            while (i < end) {
                if (expected < 0) {
                    byte b = buf[i++];
                    if (b == '\n') {
                        if (digits == 0 || lengthSoFar == 0) {
                            throw new RecordIOException("RecordIO length line is empty or zero");
                        }
                        expected = lengthSoFar;
                        record = new byte[(int) expected];
                        filled = 0;
                    } else if (b >= '0' && b <= '9') {
                        lengthSoFar = lengthSoFar * 10 + (b - '0');
                        digits++;
                        if (lengthSoFar > MAX_RECORD_BYTES) {
                            throw new RecordIOException("RecordIO record longer than " + MAX_RECORD_BYTES + " bytes");
                        }
                    } else {
                        throw new RecordIOException(
                                "unexpected byte 0x" + Integer.toHexString(b & 0xff) + " in RecordIO length");
                    }
                } else {
                    int n = (int) Math.min(end - i, expected - filled);
                    System.arraycopy(buf, i, record, filled, n);
                    filled += n;
                    i += n;
                    if (filled == expected) {
                        out.add(record);
                        record = null;
                        expected = -1;
                        lengthSoFar = 0;
                        digits = 0;
                    }
                }
            }
            return out;
        }

        public List<byte[]> feed(byte[] buf) {
            return feed(buf, 0, buf.length);
        }

        /** True when no partial record is buffered: a stream may end cleanly here. */
        public boolean atBoundary() {
            return expected < 0 && digits == 0;
        }
    }

    /** Blocking reader over a stream: one record per call, empty at a clean end of stream. */
    public static final class Reader {
        private final InputStream in;
        private final Decoder decoder = new Decoder();
        private final byte[] buf = new byte[16 * 1024];
        private final java.util.ArrayDeque<byte[]> ready = new java.util.ArrayDeque<>();

        public Reader(InputStream in) {
            this.in = in;
        }

        public Optional<byte[]> next() throws IOException {
            while (ready.isEmpty()) {
                int n = in.read(buf);
                if (n < 0) {
                    if (!decoder.atBoundary()) {
                        throw new RecordIOException("stream ended inside a RecordIO record");
                    }
                    return Optional.empty();
                }
                ready.addAll(decoder.feed(buf, 0, n));
            }
            return Optional.of(ready.poll());
        }
    }

    public static final class RecordIOException extends RuntimeException {
        public RecordIOException(String message) {
            super(message);
        }
    }
}
