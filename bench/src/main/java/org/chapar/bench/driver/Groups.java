package org.chapar.bench.driver;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Group chat operations for the group scenario (3) and the channel scenario (4). */
public interface Groups {
    /** Creates a group owned by {@code owner} with these members; returns its address. */
    CompletableFuture<String> create(BenchClient owner, String name, List<Account> members);

    /** Joins the group on this connection so that it receives the group's messages live. */
    CompletableFuture<Void> join(BenchClient member, String group);

    /** Posts to the group; every online member's inbox gets the text. */
    CompletableFuture<Void> post(BenchClient sender, String group, String text);
}
