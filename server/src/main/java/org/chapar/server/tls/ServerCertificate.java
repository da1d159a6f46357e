package org.chapar.server.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;

import java.util.Optional;

/** The certificate the server presents now; new handshakes take {@link #context()} afresh. */
public interface ServerCertificate extends AutoCloseable {

    SslContext context();

    /**
     * The first handler of a new connection: the TLS handler of {@link #context()}, or for ACME's
     * TLS-ALPN-01 one that first reads the ClientHello (ADR 0029).
     */
    default ChannelHandler newHandler(ByteBufAllocator alloc) {
        return context().newHandler(alloc);
    }

    PemCredentials credentials();

    /** What keeps the certificate from being current (a failed reload or renewal), if anything. */
    Optional<String> problem();

    /** Called once the port listens: an ACME certificate starts its orders from here. */
    default void serving() {}

    /** The key authorization for an HTTP-01 token of an order in flight, if it is one. */
    default Optional<String> httpChallenge(String token) {
        return Optional.empty();
    }

    @Override
    void close();
}
