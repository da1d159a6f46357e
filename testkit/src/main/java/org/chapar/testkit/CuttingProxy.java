package org.chapar.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy the test owns, in front of a server on loopback: it forwards both ways and, when
 * armed, cuts every connection once a given number of bytes went from the client to the server, as
 * a bad network does in the middle of an upload or a download. Counts what it forwarded so a test
 * can tell a resumed transfer from one that started again.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong upstream = new AtomicLong();
    private final AtomicLong downstream = new AtomicLong();
    private final AtomicInteger cuts = new AtomicInteger();
    // -1: not armed; else the bytes (in the given direction) still to forward before the cut
    private final AtomicLong upBudget = new AtomicLong(-1);
    private final AtomicLong downBudget = new AtomicLong(-1);
    private volatile long bytesPerSecond; // 0: as fast as loopback goes

    private CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cutting-proxy-accept").start(this::accept);
    }

    /** A proxy on a free loopback port to {@code 127.0.0.1:targetPort}. */
    public static CuttingProxy to(int targetPort) {
        try {
            return new CuttingProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Cuts all connections once {@code bytes} more went client to server (once). */
    public void cutAfterUpstreamBytes(long bytes) {
        upBudget.set(bytes);
    }

    /** Cuts all connections once {@code bytes} more went server to client (once). */
    public void cutAfterDownstreamBytes(long bytes) {
        downBudget.set(bytes);
    }

    /**
     * Forwards at most about {@code bytesPerSecond} each way per connection (0: no limit), so a
     * transfer lasts long enough for a test to interrupt it.
     */
    public void limitRate(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Bytes forwarded client to server, in all. */
    public long upstreamBytes() {
        return upstream.get();
    }

    /** Bytes forwarded server to client, in all. */
    public long downstreamBytes() {
        return downstream.get();
    }

    /** How many times the connections were cut. */
    public int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> pump(client, server, upstream, upBudget));
                Thread.ofVirtual().start(() -> pump(server, client, downstream, downBudget));
            } catch (IOException e) {
                // closed, or the server is not there: the client sees its connection fail
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter, AtomicLong budget) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                int forward = n;
                boolean cut = false;
                synchronized (budget) {
                    long left = budget.get();
                    if (left >= 0 && left <= n) {
                        forward = (int) left;
                        budget.set(-1);
                        cut = true;
                    } else if (left > 0) {
                        budget.set(left - n);
                    }
                }
                out.write(buffer, 0, forward);
                counter.addAndGet(forward);
                long rate = bytesPerSecond;
                if (rate > 0 && forward > 0) {
                    Thread.sleep(Math.max(1, forward * 1000L / rate));
                }
                if (cut) {
                    out.flush();
                    cutAll();
                    return;
                }
            }
        } catch (IOException e) {
            // the other side went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void cutAll() {
        cuts.incrementAndGet();
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }
}
