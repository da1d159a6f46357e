package org.chapar.server.gateway;

import static org.chapar.protocol.ClientFrame.RequestCase.HELLO;
import static org.chapar.protocol.ClientFrame.RequestCase.PING;

import org.chapar.protocol.HelloResult;
import org.chapar.protocol.Limits;
import org.chapar.protocol.Pong;
import org.chapar.protocol.ServerFrame;

import java.util.concurrent.CompletableFuture;

/** Hello (layer negotiation and limits) and Ping. */
public final class ConnectionHandlers {
    private final Limits limits;

    public ConnectionHandlers(Limits limits) {
        this.limits = limits;
    }

    public void register(Dispatcher d) {
        d.open(
                HELLO,
                (ctx, f) ->
                        CompletableFuture.completedFuture(
                                ServerFrame.newBuilder()
                                        .setHello(
                                                HelloResult.newBuilder()
                                                        .setLayer(
                                                                Math.min(
                                                                        Math.max(
                                                                                f.getHello()
                                                                                        .getLayer(),
                                                                                1),
                                                                        Gateway.LAYER))
                                                        .setServer("chapar/" + version())
                                                        .setLimits(limits))));
        d.open(
                PING,
                (ctx, f) ->
                        CompletableFuture.completedFuture(
                                ServerFrame.newBuilder()
                                        .setPong(
                                                Pong.newBuilder()
                                                        .setPayload(f.getPing().getPayload()))));
    }

    private static String version() {
        String v = Gateway.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
