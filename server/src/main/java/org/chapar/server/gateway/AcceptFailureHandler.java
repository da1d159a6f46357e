package org.chapar.server.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * On the listening channel: when accept() fails (out of file descriptors: EMFILE), frees one by
 * closing the oldest connection that is not logged in, and stops accepting for a moment instead of
 * retrying in a tight loop. Netty's own handling (a one-second pause and a warning per failure)
 * never sees the failure.
 */
final class AcceptFailureHandler extends ChannelInboundHandlerAdapter {
    private static final long PAUSE_MS = 100;

    private final Admission admission;

    AcceptFailureHandler(Admission admission) {
        this.admission = admission;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        admission.acceptFailed();
        if (ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            ctx.executor()
                    .schedule(
                            () -> ctx.channel().config().setAutoRead(true),
                            PAUSE_MS,
                            TimeUnit.MILLISECONDS);
        }
    }
}
