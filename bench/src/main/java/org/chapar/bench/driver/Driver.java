package org.chapar.bench.driver;

import org.chapar.bench.load.LoadGenerator;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A protocol the generator can speak to one server under test. */
public interface Driver {
    /** Creates {@code count} accounts named {@code prefix + index}, ready to log in. */
    List<Account> provision(String prefix, int count) throws Exception;

    /** Opens a connection and logs in; completes when the client can send and receive. */
    default CompletableFuture<BenchClient> connect(Account account, Inbox inbox) {
        return connect(account, inbox, LoadGenerator.ANY_LOOP);
    }

    /** The same on the generator's event loop {@code loop} ({@link LoadGenerator#connect}). */
    CompletableFuture<BenchClient> connect(Account account, Inbox inbox, int loop);

    /** Group chats (scenario 3): Chapar groups, XMPP MUC rooms. */
    default Groups groups() {
        throw new UnsupportedOperationException("this server has no group chats yet");
    }
}
