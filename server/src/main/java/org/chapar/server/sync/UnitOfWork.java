package org.chapar.server.sync;

import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.chapar.protocol.User;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.account.UserViews;
import org.chapar.server.bus.UserFact;
import org.chapar.server.store.StoreTx;

import java.util.ArrayList;
import java.util.List;

/**
 * One write transaction of a rule: the repositories, the time it runs at, and what is to happen
 * once it has committed (live pushes, facts for the gateways), in order. Nothing leaves the
 * transaction before the commit, so a rolled-back or retried write tells nobody anything. The
 * fields are final and public because every rule reads them on almost every line.
 */
public final class UnitOfWork {
    public final StoreTx tx;
    public final long now;
    public final long nowMs;
    private final UserViews users;
    private final UpdatePublisher publisher;
    private final List<Runnable> effects = new ArrayList<>();

    UnitOfWork(StoreTx tx, long nowMs, UserViews users, UpdatePublisher publisher) {
        this.tx = tx;
        this.nowMs = nowMs;
        this.now = nowMs / 1000;
        this.users = users;
        this.publisher = publisher;
    }

    /** Pushes an update to one user's devices; {@code accounts} rendered as that user sees them. */
    public void toUser(long userId, Update update, List<AccountRecord> accounts) {
        List<User> rendered = accounts.isEmpty() ? List.of() : users.render(tx, accounts, userId);
        afterCommit(
                () ->
                        publisher.toUser(
                                userId,
                                Updates.newBuilder().addUpdates(update).addAllUsers(rendered)));
    }

    /** Pushes one form of an update to every online member of a chat with its own box. */
    public void toChat(long chatId, Update update, List<AccountRecord> accounts) {
        List<User> rendered = accounts.isEmpty() ? List.of() : users.render(tx, accounts, 0);
        afterCommit(
                () ->
                        publisher.toChat(
                                chatId,
                                Updates.newBuilder().addUpdates(update).addAllUsers(rendered)));
    }

    /** Tells every node's gateway a fact about the user's connections. */
    public void fact(long userId, UserFact fact) {
        afterCommit(() -> publisher.fact(userId, fact));
    }

    public void afterCommit(Runnable effect) {
        effects.add(effect);
    }

    void runEffects() {
        effects.forEach(Runnable::run);
    }
}
