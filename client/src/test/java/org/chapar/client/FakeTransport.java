package org.chapar.client;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ServerFrame;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A transport whose connections the test plays the server side of, frame by frame. */
final class FakeTransport implements Transport {

    final BlockingQueue<FakeConnection> connections = new LinkedBlockingQueue<>();
    volatile boolean refuse;

    @Override
    public CompletableFuture<Connection> open(URI uri, Listener listener) {
        if (refuse) {
            return CompletableFuture.failedFuture(new java.net.ConnectException("refused"));
        }
        FakeConnection c = new FakeConnection(listener);
        connections.add(c);
        return CompletableFuture.completedFuture(c);
    }

    FakeConnection nextConnection() throws InterruptedException {
        FakeConnection c = connections.poll(5, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("the client did not connect");
        }
        return c;
    }

    static final class FakeConnection implements Connection {
        final Listener listener;
        final BlockingQueue<ClientFrame> sent = new LinkedBlockingQueue<>();
        volatile boolean closed;

        FakeConnection(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void send(byte[] frame) {
            try {
                sent.add(ClientFrame.parseFrom(frame));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                listener.onClosed(null);
            }
        }

        /** The next request the client sent, skipping Hello and Ping. */
        ClientFrame next() throws InterruptedException {
            while (true) {
                ClientFrame f = sent.poll(5, TimeUnit.SECONDS);
                if (f == null) {
                    throw new AssertionError("the client sent nothing");
                }
                if (!f.hasHello() && !f.hasPing()) {
                    return f;
                }
            }
        }

        void reply(ClientFrame to, ServerFrame.Builder answer) {
            listener.onFrame(answer.setId(to.getId()).build().toByteArray());
        }

        void push(ServerFrame.Builder updates) {
            listener.onFrame(updates.setId(0).build().toByteArray());
        }

        void drop() {
            closed = true;
            listener.onClosed(new java.io.IOException("connection reset"));
        }
    }
}
