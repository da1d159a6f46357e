package org.chapar.server.gateway;

import org.chapar.server.bus.LocalBus;
import org.chapar.server.ratelimit.RateLimiter;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.server.tls.ServerCertificate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A real gateway on a free loopback port serving the routes a test gives it, and a raw client. */
final class TestGateway implements AutoCloseable {
    private final Gateway gateway;
    private final String scheme;

    TestGateway(HttpRoutes routes) throws InterruptedException {
        this(routes, Optional.empty());
    }

    /** With {@code tls} the port speaks only HTTPS, as the server's does with a certificate. */
    TestGateway(HttpRoutes routes, Optional<ServerCertificate> tls) throws InterruptedException {
        this(routes, tls, ConnectionLimits.defaults());
    }

    TestGateway(HttpRoutes routes, Optional<ServerCertificate> tls, ConnectionLimits limits)
            throws InterruptedException {
        this.scheme = tls.isPresent() ? "https" : "http";
        RateLimits.Rule free = new RateLimits.Rule(1_000_000, 1_000_000);
        Clock clock = Clock.systemUTC();
        this.gateway =
                new Gateway(
                        "127.0.0.1",
                        0,
                        new Dispatcher(),
                        new ConnectionRegistry(
                                new LocalBus(),
                                1,
                                user -> CompletableFuture.completedFuture(List.of()),
                                (user, session) -> CompletableFuture.completedFuture(true)),
                        new RateLimiter(free, clock),
                        new RateLimiter(free, clock),
                        new RateLimiter(free, clock),
                        1 << 20,
                        60,
                        limits,
                        clock,
                        routes,
                        tls,
                        -1);
    }

    /** A JDK client context that trusts {@code certificate} alone (a self-signed server's). */
    static SSLContext trusting(X509Certificate certificate) throws GeneralSecurityException {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("server", certificate);
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (IOException e) {
            throw new GeneralSecurityException(e); // an empty in-memory store reads nothing
        }
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + gateway.port() + path);
    }

    Socket socket() throws IOException {
        Socket s = new Socket("127.0.0.1", gateway.port());
        s.setSoTimeout(30_000);
        return s;
    }

    @Override
    public void close() {
        gateway.close();
    }

    /** One HTTP/1.1 response read from a raw socket: status, headers (lower-case names), body. */
    record Response(int status, Map<String, String> headers, String body) {
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new TreeMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(
                        h.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        h.substring(colon + 1).trim());
            }
            byte[] body =
                    in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("closed mid-response");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.US_ASCII);
        }
    }
}
