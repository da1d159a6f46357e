package org.chapar.server.gateway;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The supergroups and channels whose live posts ({@code c.<chat>}) a user follows: what the gateway
 * subscribes to when the user's first connection arrives on this node. Later joins and leaves reach
 * it as facts on the bus.
 */
public interface LiveChats {

    CompletableFuture<List<Long>> of(long userId);
}
