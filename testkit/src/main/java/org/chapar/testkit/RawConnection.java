package org.chapar.testkit;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ServerFrame;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bare WebSocket connection that sends and receives frames exactly as given: for tests of the
 * wire protocol itself (malformed frames, limits, raw bytes of pushes), below the SDK.
 */
public final class RawConnection implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();

    private RawConnection(URI uri) {
        this.socket =
                HTTP.newWebSocketBuilder()
                        .buildAsync(
                                uri,
                                new WebSocket.Listener() {
                                    private final ByteArrayOutputStream partial =
                                            new ByteArrayOutputStream();

                                    @Override
                                    public CompletionStage<?> onBinary(
                                            WebSocket ws, ByteBuffer data, boolean last) {
                                        byte[] chunk = new byte[data.remaining()];
                                        data.get(chunk);
                                        partial.writeBytes(chunk);
                                        if (last) {
                                            frames.add(partial.toByteArray());
                                            partial.reset();
                                        }
                                        ws.request(1);
                                        return null;
                                    }

                                    @Override
                                    public CompletionStage<?> onClose(
                                            WebSocket ws, int statusCode, String reason) {
                                        closed.complete(statusCode);
                                        return null;
                                    }

                                    @Override
                                    public void onError(WebSocket ws, Throwable error) {
                                        closed.complete(-1);
                                    }
                                })
                        .join();
    }

    public static RawConnection open(URI uri) {
        return new RawConnection(uri);
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    public void sendBytes(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends the frame with a fresh id (unless it has one) and returns the id used. */
    public long send(ClientFrame.Builder frame) {
        if (frame.getId() == 0) {
            frame.setId(nextId());
        }
        sendBytes(frame.build().toByteArray());
        return frame.getId();
    }

    /** Sends and waits for the answer with the same id, skipping pushes. */
    public ServerFrame call(ClientFrame.Builder frame) {
        long id = send(frame);
        while (true) {
            ServerFrame f = next();
            if (f.getId() == id) {
                return f;
            }
        }
    }

    /** The next frame, raw, within 10 s. */
    public byte[] nextBytes() {
        try {
            byte[] b = frames.poll(10, TimeUnit.SECONDS);
            if (b == null) {
                throw new AssertionError("no frame within 10 s");
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public ServerFrame next() {
        try {
            return ServerFrame.parseFrom(nextBytes());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("the server sent a frame that is not a ServerFrame", e);
        }
    }

    /** The next pushed frame (id 0) within 10 s, skipping answers. */
    public ServerFrame nextPush() {
        while (true) {
            ServerFrame f = next();
            if (f.getId() == 0 && f.hasUpdates()) {
                return f;
            }
        }
    }

    /** The close status the server sent (-1 if the connection broke), waiting up to the timeout. */
    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(
                    "the server did not close the connection within " + timeout, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
