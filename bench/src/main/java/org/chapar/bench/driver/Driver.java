package org.chapar.bench.driver;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A protocol the generator can speak to one server under test. */
public interface Driver {
    /** Creates {@code count} accounts named {@code prefix + index}, ready to log in. */
    List<Account> provision(String prefix, int count) throws Exception;

    /** Opens a connection and logs in; completes when the client can send and receive. */
    CompletableFuture<BenchClient> connect(Account account, Inbox inbox);

    /** Group chats (scenario 3): Chapar groups, XMPP MUC rooms. */
    default Groups groups() {
        throw new UnsupportedOperationException("this server has no group chats yet");
    }
}
