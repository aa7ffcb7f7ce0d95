package org.cassandramesos.executor.node;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Asks the native port the simplest CQL question there is, OPTIONS, and checks for a SUPPORTED answer: proof that
 * CQL is served, not merely that a port is open.
 */
public final class CqlProbe {
    private static final byte PROTOCOL_V4 = 0x04;
    private static final byte OPCODE_OPTIONS = 0x05;
    private static final byte OPCODE_SUPPORTED = 0x06;

    private CqlProbe() {}

    public static boolean answers(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            // Frame header: version, flags, stream id (2 bytes), opcode, body length (4 bytes) = 0.
            out.write(new byte[] {PROTOCOL_V4, 0, 0, 0, OPCODE_OPTIONS, 0, 0, 0, 0});
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[9];
            in.readFully(header);
            boolean response = (header[0] & 0x80) != 0 && (header[0] & 0x7f) == PROTOCOL_V4;
            return response && header[4] == OPCODE_SUPPORTED;
        } catch (IOException e) {
            return false;
        }
    }
}
