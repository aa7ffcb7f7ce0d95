package org.cassandramesos.executor.node;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

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
        return answers(host, port, timeout, Optional.empty());
    }

    /** With {@code tls}, over TLS: the node must present a certificate the context trusts, naming {@code host}. */
    public static boolean answers(String host, int port, Duration timeout, Optional<SSLContext> tls) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            Socket socket = tls.isPresent() ? handshake(tls.get(), plain, host, port) : plain;
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

    private static Socket handshake(SSLContext tls, Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }
}
