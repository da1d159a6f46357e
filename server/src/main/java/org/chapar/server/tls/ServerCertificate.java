package org.chapar.server.tls;

import io.netty.handler.ssl.SslContext;

import java.util.Optional;

/** The certificate the server presents now; new handshakes take {@link #context()} afresh. */
public interface ServerCertificate extends AutoCloseable {

    SslContext context();

    PemCredentials credentials();

    /** What keeps the certificate from being current (a failed reload or renewal), if anything. */
    Optional<String> problem();

    @Override
    void close();
}
