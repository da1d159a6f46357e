package org.chapar.server.tls;

import io.netty.handler.ssl.SslContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The certificate of a {@link TlsSource.Files}, read again when the files change. The files are
 * polled (their bytes, not their times: a renewal tool may keep the time or swap a symlink), and a
 * new pair takes effect for new handshakes only: a connection keeps the context it was made with,
 * so nothing already connected notices. A pair that does not load (a key written before its
 * certificate, a mismatch) leaves the old certificate in place and is logged once.
 */
final class CertificateFiles implements ServerCertificate {
    private static final Logger log = LoggerFactory.getLogger(CertificateFiles.class);

    private final TlsSource.Files source;
    private final Clock clock;
    private final OcspStapling ocsp;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private final ScheduledExecutorService poller;
    private volatile String problem;
    private byte[] lastTried;

    private record Loaded(SslContext context, PemCredentials credentials, byte[] digest) {}

    /** Loads the files (failing if they do not load) and starts watching them. */
    CertificateFiles(TlsSource.Files source, Clock clock, OcspStapling ocsp) throws IOException {
        this.source = source;
        this.clock = clock;
        this.ocsp = ocsp;
        byte[] digest = digest();
        current.set(load(digest));
        lastTried = digest;
        this.poller =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "tls-certificate-files");
                            t.setDaemon(true);
                            return t;
                        });
        long ms = source.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public SslContext context() {
        return current.get().context();
    }

    @Override
    public PemCredentials credentials() {
        return current.get().credentials();
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(problem).or(ocsp::problem);
    }

    private void poll() {
        try {
            byte[] digest = digest();
            if (Arrays.equals(digest, current.get().digest()) || Arrays.equals(digest, lastTried)) {
                return;
            }
            lastTried = digest;
            current.set(load(digest));
            problem = null;
            log.info(
                    "TLS certificate reloaded from {} (pin {}, valid until {})",
                    source.certificate(),
                    Pins.of(credentials().leaf()),
                    credentials().leaf().getNotAfter().toInstant());
        } catch (IOException | RuntimeException e) {
            problem =
                    "the changed certificate files do not load, the old certificate stays: "
                            + e.getMessage();
            log.warn(
                    "TLS certificate files changed but do not load; keeping the old one: {}",
                    e.getMessage());
        }
    }

    private Loaded load(byte[] digest) throws IOException {
        PemCredentials c = PemCredentials.read(source.certificate(), source.privateKey());
        if (c.leaf().getNotAfter().toInstant().isBefore(clock.instant())) {
            log.warn(
                    "the TLS certificate in {} expired at {}: clients will refuse it",
                    source.certificate(),
                    c.leaf().getNotAfter().toInstant());
        }
        return new Loaded(TlsContexts.server(c, ocsp), c, digest);
    }

    private byte[] digest() throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(Files.readAllBytes(source.certificate()));
            d.update((byte) 0);
            d.update(Files.readAllBytes(source.privateKey()));
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        ocsp.close();
    }
}
