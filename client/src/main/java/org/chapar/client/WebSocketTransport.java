package org.chapar.client;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * {@link Transport} over the JDK's {@link java.net.http.WebSocket}. Partial binary messages are
 * assembled before they are handed on; sends are chained because the JDK allows only one
 * outstanding send per socket.
 */
final class WebSocketTransport implements Transport {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * One HttpClient (one selector thread) for all open wss:// connections of the process that
     * trust the same certificates.
     */
    private static final Map<TlsTrust, SharedClient> TLS = new ConcurrentHashMap<>();

    private final TlsTrust trust;

    WebSocketTransport(TlsTrust trust) {
        this.trust = trust;
    }

    private static SharedClient tls(TlsTrust trust) {
        return TLS.computeIfAbsent(
                trust,
                t ->
                        new SharedClient(
                                () ->
                                        HttpClient.newBuilder()
                                                .connectTimeout(CONNECT_TIMEOUT)
                                                .sslContext(t.sslContext())
                                                .build()));
    }

    /**
     * The same for ws://, which never does TLS: the default SSLContext of the client above would
     * load and parse the JDK's whole trust store, a large part of a CLI command's start-up. This
     * one trusts nothing, so if it were ever used for TLS it would refuse every certificate.
     */
    private static final SharedClient PLAIN =
            new SharedClient(
                    () ->
                            HttpClient.newBuilder()
                                    .connectTimeout(CONNECT_TIMEOUT)
                                    .sslContext(trustingNothing())
                                    .build());

    private static SSLContext trustingNothing() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(new KeyManager[0], new TrustManager[0], null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    /**
     * An HttpClient shared by the connections that are open, made for the first and shut down when
     * the last one ends. An idle client's selector thread waits in native code, and the JVM's exit
     * waits for such threads for a good part of a second: a short-lived program (a CLI command)
     * would pay that on every run if the client outlived its connections.
     */
    private static final class SharedClient {
        private final Supplier<HttpClient> factory;
        private HttpClient client;
        private int users;

        SharedClient(Supplier<HttpClient> factory) {
            this.factory = factory;
        }

        synchronized HttpClient acquire() {
            if (client == null) {
                client = factory.get();
            }
            users++;
            return client;
        }

        synchronized void release(HttpClient c) {
            if (c == client && --users == 0) {
                client = null;
                c.shutdownNow();
            }
        }
    }

    @Override
    public CompletableFuture<Connection> open(URI uri, Listener listener) {
        SharedClient shared = "ws".equalsIgnoreCase(uri.getScheme()) ? PLAIN : tls(trust);
        HttpClient http = shared.acquire();
        Socket socket = new Socket(listener, () -> shared.release(http));
        return http.newWebSocketBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(uri, socket)
                .handle(
                        (ws, e) -> {
                            if (e != null) {
                                socket.release();
                                throw e instanceof CompletionException ce
                                        ? ce
                                        : new CompletionException(e);
                            }
                            socket.ws = ws;
                            return socket;
                        });
    }

    private static final class Socket implements WebSocket.Listener, Connection {
        private final Listener listener;
        private final Runnable releaser;
        private final AtomicBoolean released = new AtomicBoolean();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile WebSocket ws;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        Socket(Listener listener, Runnable releaser) {
            this.listener = listener;
            this.releaser = releaser;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            this.ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            byte[] frame;
            if (last && partial.size() == 0) {
                frame = chunk;
            } else {
                partial.writeBytes(chunk);
                frame = last ? partial.toByteArray() : null;
                if (last) {
                    partial.reset();
                }
            }
            if (frame != null) {
                listener.onFrame(frame);
            } else {
                listener.onPartialFrame();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            webSocket.request(1); // the protocol is binary only; text is ignored
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            end(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            end(error);
        }

        private void end(Throwable error) {
            if (closed.compareAndSet(false, true)) {
                release();
                listener.onClosed(error);
            }
        }

        /** Gives the HttpClient back, once, however the socket ends (a failed open included). */
        void release() {
            if (released.compareAndSet(false, true)) {
                releaser.run();
            }
        }

        @Override
        public synchronized void send(byte[] frame) {
            if (closed.get()) {
                return;
            }
            sending =
                    sending.handle((r, e) -> null)
                            .thenCompose(x -> ws.sendBinary(ByteBuffer.wrap(frame), true))
                            .whenComplete(
                                    (r, e) -> {
                                        if (e != null) {
                                            ws.abort();
                                            end(e);
                                        }
                                    });
        }

        @Override
        public void close() {
            if (closed.get()) {
                return;
            }
            synchronized (this) {
                sending =
                        sending.handle((r, e) -> null)
                                .thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
                                .orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                                .whenComplete(
                                        (r, e) -> {
                                            ws.abort();
                                            end(null);
                                        });
            }
        }
    }
}
