package org.chapar.server.chat;

import org.chapar.protocol.AdminLogEntry;
import org.chapar.protocol.AdminLogPage;
import org.chapar.protocol.ChannelDifference;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.server.account.UserViews;
import org.chapar.server.core.ApiException;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.MessageViews;
import org.chapar.server.message.Viewer;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.DifferencePaging;
import org.chapar.server.sync.UpdateRenderer;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * GetChannelDifference over a supergroup's or channel's own box (same paging and too_long rules as
 * the common box), and the admin log read.
 */
public final class ChannelSync {
    private final Store store;
    private final Clock clock;
    private final UserViews users;
    private final AdminLogService adminLog;
    private final int tooLongBound;

    public ChannelSync(
            Store store, Clock clock, UserViews users, AdminLogService adminLog, int tooLongBound) {
        this.store = store;
        this.clock = clock;
        this.users = users;
        this.adminLog = adminLog;
        this.tooLongBound = tooLongBound;
    }

    public CompletableFuture<ChannelDifference> difference(
            long me, long chatId, long pts, int limit) {
        int n = DifferencePaging.pageSize(pts, limit);
        return store.read(
                tx -> {
                    Access a = Access.load(tx, chatId, me, clock.millis() / 1000);
                    a.requireReader();
                    ChatRecord chat = a.chat();
                    if (!chat.ownBox()) {
                        throw ApiException.badRequest(
                                "A group has no box of its own: use GetDifference");
                    }
                    long head = chat.pts();
                    ChannelDifference.Builder out =
                            ChannelDifference.newBuilder().setChat(ChatViews.chat(chat));
                    if (DifferencePaging.tooLong(pts, head, tooLongBound)) {
                        return out.setTooLong(true).setPts(head).build();
                    }
                    List<BoxEvent> events = tx.channelBoxes().after(chatId, pts, n);
                    Set<Long> ids = new LinkedHashSet<>();
                    for (BoxEvent e : events) {
                        UpdateRenderer.render(
                                        e,
                                        chatId,
                                        (c, id) -> message(tx, c, id, chat.channel(), ids))
                                .ifPresent(out::addUpdates);
                    }
                    out.setPts(DifferencePaging.continueFrom(events, n, head))
                            .setSlice(DifferencePaging.slice(events, n, head));
                    out.addAllUsers(users.render(tx, tx.accounts().byIds(ids), me));
                    return out.build();
                });
    }

    /**
     * A message of the chat's own box in the one form every member gets live, so a difference holds
     * the same bytes as the push; the users it names are collected into {@code ids}.
     */
    private static Optional<Message> message(
            StoreTx tx, long chatId, long id, boolean post, Set<Long> ids) {
        Optional<MessageRecord> m = tx.messages().get(chatId, id);
        m.ifPresent(
                r -> {
                    if (r.fromId() != 0) {
                        ids.add(r.fromId());
                    }
                    if (r.action() != null) {
                        ids.addAll(r.action().getUserIdsList());
                    }
                });
        return m.flatMap(r -> MessageViews.view(r, new Viewer.Everyone(post)));
    }

    public CompletableFuture<AdminLogPage> adminLog(long me, long chatId, long maxId, int limit) {
        int n = limit == 0 ? 50 : limit;
        if (n < 1 || n > 100) {
            throw new ApiException(ErrorCode.LIMIT_INVALID, "A page has 1 to 100 entries");
        }
        return store.read(
                tx -> {
                    long now = clock.millis() / 1000;
                    Access a = Access.load(tx, chatId, me, now);
                    a.requireAnyAdmin();
                    AdminLogPage.Builder out = AdminLogPage.newBuilder();
                    Set<Long> ids = new LinkedHashSet<>();
                    for (AdminLog.Entry e : tx.adminLog().page(chatId, maxId, n)) {
                        if (adminLog.expired(e, now)) {
                            continue; // past retention; the next scheduled purge deletes it
                        }
                        out.addEntries(
                                AdminLogEntry.newBuilder()
                                        .setId(e.id())
                                        .setDate(e.date())
                                        .setUserId(e.userId())
                                        .setAction(e.action())
                                        .setTargetUserId(e.targetUserId())
                                        .setMessageId(e.messageId())
                                        .setDetails(e.details()));
                        ids.add(e.userId());
                        if (e.targetUserId() != 0) {
                            ids.add(e.targetUserId());
                        }
                    }
                    out.addAllUsers(users.render(tx, tx.accounts().byIds(ids), me));
                    return out.build();
                });
    }
}
