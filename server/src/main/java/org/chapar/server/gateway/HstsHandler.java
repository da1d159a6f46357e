package org.chapar.server.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Adds Strict-Transport-Security to every HTTP answer on a TLS connection: a browser that saw it
 * once goes to https:// for a year, so a network that strips TLS cannot downgrade it. Only on HTTPS
 * (RFC 6797 section 7.2: browsers ignore it over plain HTTP).
 */
@ChannelHandler.Sharable
final class HstsHandler extends ChannelOutboundHandlerAdapter {
    static final HstsHandler INSTANCE = new HstsHandler();
    static final String VALUE = "max-age=31536000";

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r) {
            r.headers().set("Strict-Transport-Security", VALUE);
        }
        ctx.write(msg, promise);
    }
}
