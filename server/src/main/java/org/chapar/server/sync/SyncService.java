package org.chapar.server.sync;

import org.chapar.protocol.ChannelHead;
import org.chapar.protocol.Difference;
import org.chapar.protocol.Message;
import org.chapar.protocol.State;
import org.chapar.protocol.Update;
import org.chapar.server.account.UserViews;
import org.chapar.server.chat.MemberRecord;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.MessageViews;
import org.chapar.server.message.Viewer;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * GetState and GetDifference over the common box. A difference is read in one snapshot, so the
 * events and the state it returns agree; message events are rendered from the messages as they are
 * now (for a group the user has left, as they were when they left: edited since means withheld),
 * and events of purged messages are skipped (their pts are still covered by state).
 */
public final class SyncService {
    private final Store store;
    private final UserViews users;
    private final int tooLongBound;
    private final Clock clock;

    public SyncService(Store store, UserViews users, int tooLongBound, Clock clock) {
        this.store = store;
        this.users = users;
        this.tooLongBound = tooLongBound;
        this.clock = clock;
    }

    public CompletableFuture<State> state(long me) {
        return store.read(tx -> state(tx, me, tx.boxes().head(me)));
    }

    public CompletableFuture<Difference> difference(long me, long pts, int limit) {
        return read(me, pts, limit, true, 0);
    }

    /**
     * The difference of an account that cannot reload its state, a bot (docs/adr/0015-bot-api.md):
     * never too long, however far behind, because what it has not confirmed it has not seen; events
     * dated before {@code since} (Unix seconds) are passed over like purged ones, their pts still
     * covered by the state.
     */
    public CompletableFuture<Difference> queue(long me, long pts, int limit, long since) {
        return read(me, pts, limit, false, since);
    }

    private CompletableFuture<Difference> read(
            long me, long pts, int limit, boolean mayBeTooLong, long since) {
        int n = DifferencePaging.pageSize(pts, limit);
        return store.read(
                tx -> {
                    long head = tx.boxes().head(me);
                    Difference.Builder out = Difference.newBuilder();
                    if (mayBeTooLong && DifferencePaging.tooLong(pts, head, tooLongBound)) {
                        addChannelHeads(tx, me, out);
                        return out.setTooLong(true).setState(state(tx, me, head)).build();
                    }
                    List<BoxEvent> events = tx.boxes().after(me, pts, n);
                    Set<Long> userIds = new LinkedHashSet<>();
                    userIds.add(me);
                    Seen seen = new Seen(new HashMap<>(), new HashMap<>(), userIds);
                    for (BoxEvent e : events) {
                        if (e.date() >= since) {
                            render(tx, me, e, seen).ifPresent(out::addUpdates);
                        }
                    }
                    out.setSlice(DifferencePaging.slice(events, n, head))
                            .setState(
                                    state(tx, me, DifferencePaging.continueFrom(events, n, head)));
                    out.addAllUsers(users.render(tx, tx.accounts().byIds(userIds), me));
                    addChannelHeads(tx, me, out);
                    return out.build();
                });
    }

    /**
     * The user's supergroups and channels with their box heads, so the client knows what to fetch.
     */
    private static void addChannelHeads(StoreTx tx, long me, Difference.Builder out) {
        for (long[] c : tx.members().ownBoxChats(me)) {
            out.addChannels(ChannelHead.newBuilder().setChatId(c[0]).setPts(c[1]));
        }
    }

    private State state(StoreTx tx, long me, long pts) {
        return State.newBuilder()
                .setPts(pts)
                .setDate(clock.millis() / 1000)
                .setUnreadCount(tx.dialogs().totalUnread(me))
                .build();
    }

    /**
     * What one difference looked up already: private chats' member pairs, the caller's shared-chat
     * memberships, and the users to send along.
     */
    private record Seen(
            Map<Long, long[]> pairs,
            Map<Long, Optional<MemberRecord>> memberships,
            Set<Long> userIds) {}

    private static Optional<Update> render(StoreTx tx, long me, BoxEvent e, Seen seen) {
        return UpdateRenderer.render(e, 0, (chatId, id) -> message(tx, me, chatId, id, seen));
    }

    private static Optional<Message> message(StoreTx tx, long me, long chatId, long id, Seen seen) {
        Optional<MessageRecord> m = tx.messages().get(chatId, id);
        if (m.isEmpty() || tx.messages().hiddenFor(me, chatId, id)) {
            return Optional.empty();
        }
        long[] pair =
                seen.pairs.computeIfAbsent(
                        chatId, c -> tx.chats().privateMembers(c).orElse(new long[0]));
        if (pair.length == 0) {
            // a group's message (its members' common boxes hold its events); one who left sees
            // it as it was when they left
            MessageRecord r = m.get();
            boolean mentioned = tx.messages().mentions(chatId, id, me);
            Optional<MemberRecord> self =
                    seen.memberships.computeIfAbsent(chatId, c -> tx.members().get(c, me));
            Viewer viewer =
                    self.map(MemberRecord::inChat).orElse(false)
                            ? new Viewer.Member(me, false, mentioned)
                            : new Viewer.Departed(
                                    me, mentioned, self.map(MemberRecord::leftDate).orElse(0L));
            Optional<Message> out = MessageViews.view(r, viewer);
            if (out.isPresent() && r.fromId() != 0) {
                seen.userIds.add(r.fromId());
            }
            if (out.isPresent() && r.action() != null) {
                seen.userIds.addAll(r.action().getUserIdsList());
            }
            return out;
        }
        long peer = MessageViews.otherMember(pair, me);
        seen.userIds.add(peer);
        seen.userIds.add(m.get().fromId());
        return MessageViews.view(m.get(), new Viewer.InPrivateChat(me, peer));
    }
}
