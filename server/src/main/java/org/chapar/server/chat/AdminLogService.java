package org.chapar.server.chat;

import org.chapar.server.message.MessageRecord;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.UnitOfWork;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The admin log's rules: what a supergroup's or channel's admins did, kept for 48 hours. Services
 * append inside the write that makes the change; reads hide entries past retention at once, and
 * {@link #purgeExpired}, which the composition root runs on a schedule, deletes them. Writes no
 * longer pay for the purge, and a chat where nobody acts any more still forgets.
 */
public final class AdminLogService {
    private static final long RETENTION_SECONDS = 48 * 3600;

    private final Store store;
    private final Clock clock;

    public AdminLogService(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Appends an entry dated at the write's time.
     *
     * @param target the user acted on, or 0
     * @param messageId the message acted on, or 0
     */
    void log(
            UnitOfWork w,
            long chatId,
            long actor,
            String action,
            long target,
            long messageId,
            String details) {
        w.tx.adminLog().append(chatId, w.now, actor, action, target, messageId, details);
    }

    /**
     * Who wrote a message, as far as the server may know: its sender, or for a post stored without
     * one the author this log recorded (until the entry is purged).
     */
    long author(StoreTx tx, MessageRecord m) {
        return m.fromId() != 0 ? m.fromId() : tx.adminLog().author(m.chatId(), m.id()).orElse(0);
    }

    /** Past retention at {@code now} (unix seconds): no read shows it, the next purge drops it. */
    boolean expired(AdminLog.Entry e, long now) {
        return e.date() < now - RETENTION_SECONDS;
    }

    /** Deletes every chat's entries past retention; answers how many went. */
    public CompletableFuture<Integer> purgeExpired() {
        return store.write(tx -> tx.adminLog().purge(clock.millis() / 1000 - RETENTION_SECONDS));
    }
}
