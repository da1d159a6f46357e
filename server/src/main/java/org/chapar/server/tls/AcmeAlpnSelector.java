package org.chapar.server.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslClientHelloHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

import java.util.function.Supplier;

/**
 * Put before TLS only while a TLS-ALPN-01 challenge is open (RFC 8737 3): reads the ClientHello,
 * and a client offering {@code acme-tls/1} for a name being validated gets that challenge's
 * certificate; everyone else the normal one. It then replaces itself with the chosen {@link
 * SslHandler}, which reads the same ClientHello again.
 */
final class AcmeAlpnSelector extends SslClientHelloHandler<SslContext> {
    private final AcmeChallenges challenges;
    private final Supplier<SslContext> normal;

    AcmeAlpnSelector(AcmeChallenges challenges, Supplier<SslContext> normal) {
        this.challenges = challenges;
        this.normal = normal;
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) {
        SslContext chosen =
                clientHello == null
                        ? normal.get()
                        : challenges.tlsAlpn(ClientHello.parse(clientHello)).orElseGet(normal);
        return ctx.executor().newSucceededFuture(chosen);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, Future<SslContext> future) {
        SslHandler tls = future.getNow().newHandler(ctx.alloc());
        ctx.pipeline().replace(this, SslHandler.class.getName(), tls);
    }
}
