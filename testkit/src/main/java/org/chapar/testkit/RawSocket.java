package org.chapar.testkit;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ServerFrame;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client on a plain TCP socket that the test controls byte by byte, for faults below
 * what an HTTP client library allows: a tiny receive buffer, a client that stops reading, a request
 * trickled a byte at a time, a chosen loopback source address. Frames are sent masked and
 * unfragmented, as a client must.
 */
public final class RawSocket implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final AtomicLong ids = new AtomicLong();

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /**
     * Connects from {@code source} (any 127.x.y.z works on Linux) to the server's port; {@code
     * receiveBufferBytes} 0 keeps the system's default.
     */
    public static RawSocket connect(InetAddress source, int port, int receiveBufferBytes) {
        Socket s = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                s.setReceiveBufferSize(receiveBufferBytes); // before connect: sets the TCP window
            }
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            return new RawSocket(s);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException(e);
        }
    }

    public static RawSocket connect(int port) {
        return connect(InetAddress.getLoopbackAddress(), port, 0);
    }

    /** The WebSocket upgrade of {@code /ws}; fails unless the server switches protocols. */
    public RawSocket upgrade() {
        String head = askUpgrade();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new AssertionError("no WebSocket upgrade: " + head);
        }
        return this;
    }

    /** The head of the server's answer to a WebSocket upgrade it refuses; fails if it accepts. */
    public String refusedUpgrade() {
        String head = askUpgrade();
        if (head.startsWith("HTTP/1.1 101")) {
            throw new AssertionError("the server accepted the WebSocket upgrade");
        }
        return head;
    }

    private String askUpgrade() {
        writeRaw(
                ("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                + "Sec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        return readHttpHead();
    }

    /** Bytes exactly as given, flushed. */
    public void writeRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the request as one masked binary frame, with a fresh id unless it has one. */
    public long send(ClientFrame.Builder frame) {
        if (frame.getId() == 0) {
            frame.setId(ids.incrementAndGet());
        }
        writeRaw(binaryFrame(frame.build().toByteArray()));
        return frame.getId();
    }

    /** Sends and reads frames until the answer with the same id. */
    public ServerFrame call(ClientFrame.Builder frame) {
        long id = send(frame);
        while (true) {
            ServerFrame f = next();
            if (f.getId() == id) {
                return f;
            }
        }
    }

    /** The next binary frame from the server, within 10 s; other frames are skipped. */
    public ServerFrame next() {
        try {
            socket.setSoTimeout(10_000);
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                if ((b0 & 0x0f) == 0x2) {
                    return ServerFrame.parseFrom(payload);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and discards until the server closes the connection (end of stream or a reset); false
     * if it is still open after the timeout.
     */
    public boolean awaitClosedByServer(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] sink = new byte[64 * 1024];
        try {
            InputStream raw = socket.getInputStream();
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout(200);
                try {
                    if (raw.read(sink) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // read again until the deadline
                }
            }
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private String readHttpHead() {
        try {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                head.write(in.readUnsignedByte());
            }
            return head.toString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] binaryFrame(byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x82); // FIN, binary
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        f.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a test socket: nothing to do about it
        }
    }
}
