package org.chapar.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChaparException;
import org.chapar.client.Peers;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Alice sends to bob and this ledger keeps what the server acknowledged and what it refused with
 * UNAVAILABLE ("not applied"). Any other answer fails the test: a send is either durable or not
 * applied, never unknown. {@link #assertStoredExactlyTheAcknowledged} then reads bob's history.
 */
final class Ledger {
    final ChaparClient bob;
    private final ChaparClient alice;
    private final Peer toBob;
    private final String tag;
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    private int next;

    private Ledger(ChaparClient bob, ChaparClient alice, Peer toBob, String tag) {
        this.bob = bob;
        this.alice = alice;
        this.toBob = toBob;
        this.tag = tag;
    }

    /** Registers alice and bob (names made unique by {@code tag}) on the server at {@code uri}. */
    static Ledger register(URI uri, String tag, List<ChaparClient> clients) {
        ChaparClient bob = connect(uri, clients);
        User bobUser = bob.register(tag + "_bob", "password-bob", null, "test").join().getUser();
        ChaparClient alice = connect(uri, clients);
        alice.register(tag + "_alice", "password-alice", null, "test").join();
        return new Ledger(bob, alice, Peers.user(bobUser), tag);
    }

    static ChaparClient connect(URI uri, List<ChaparClient> clients) {
        ChaparClient c = ChaparClient.builder(uri).clientName("storage-test").build();
        clients.add(c);
        c.connect().join();
        return c;
    }

    /**
     * Sends {@code n} messages at once (so that they share commit batches); how many were refused.
     */
    int round(int n) throws Exception {
        Map<String, CompletableFuture<?>> sends = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String text = tag + "-" + next++;
            sends.put(text, alice.sendMessage(toBob, text));
        }
        int refusedNow = 0;
        for (var s : sends.entrySet()) {
            try {
                s.getValue().get(60, TimeUnit.SECONDS);
                acked.add(s.getKey());
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof ChaparException ce
                        && ce.getCode() == ErrorCode.UNAVAILABLE) {
                    refused.add(s.getKey());
                    refusedNow++;
                } else {
                    throw new AssertionError("a send was neither acknowledged nor refused", e);
                }
            }
        }
        return refusedNow;
    }

    /** Every acknowledged message is in bob's history once, and nothing refused is there. */
    void assertStoredExactlyTheAcknowledged(ChaparClient bob) {
        Map<String, Integer> stored = new HashMap<>();
        for (Message m : history(bob)) {
            stored.merge(m.getText(), 1, Integer::sum);
        }
        assertThat(stored.keySet()).as("acknowledged messages stored").containsAll(acked);
        assertThat(stored.values()).as("no message stored twice").allMatch(c -> c == 1);
        assertThat(refused).as("refused messages stored").noneMatch(stored::containsKey);
    }

    /** Logs bob in on a new connection to {@code uri}. */
    ChaparClient bobAt(URI uri, List<ChaparClient> clients) {
        ChaparClient bob = connect(uri, clients);
        bob.login(tag + "_bob", "password-bob", "test").join();
        return bob;
    }

    /** Bob's whole history with alice, page by page. */
    static List<Message> history(ChaparClient bob) {
        List<Message> all = new ArrayList<>();
        for (var d : bob.getDialogs("", 100).join().getDialogsList()) {
            long offset = 0;
            while (true) {
                MessageList page = bob.getHistory(d.getPeer(), offset, 100).join();
                if (page.getMessagesCount() == 0) {
                    break;
                }
                all.addAll(page.getMessagesList());
                offset = page.getMessages(page.getMessagesCount() - 1).getId();
            }
        }
        return all;
    }
}
