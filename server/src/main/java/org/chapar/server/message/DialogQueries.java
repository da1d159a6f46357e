package org.chapar.server.message;

import org.chapar.protocol.Dialog;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Peer;
import org.chapar.server.account.UserViews;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The chat list: each dialog with its top message, newest first, paged by a cursor. */
public final class DialogQueries {
    static final int MAX_PAGE = 100;

    private final Store store;
    private final UserViews users;

    public DialogQueries(Store store, UserViews users) {
        this.store = store;
        this.users = users;
    }

    public CompletableFuture<DialogList> dialogs(long me, String offset, int limit) {
        DialogCursor after = DialogCursor.decode(offset);
        int n = page(limit);
        return store.read(
                tx -> {
                    DialogList.Builder out = DialogList.newBuilder();
                    List<DialogRecord> page = tx.dialogs().page(me, after, n);
                    Set<Long> userIds = new LinkedHashSet<>();
                    userIds.add(me);
                    for (DialogRecord d : page) {
                        if (d.peerUserId() == 0) {
                            shared(tx, me, d, out, userIds);
                            continue;
                        }
                        userIds.add(d.peerUserId());
                        out.addDialogs(
                                dialog(d, Peer.newBuilder().setUserId(d.peerUserId()).build())
                                        .setUnreadCount(d.unreadCount()));
                        if (d.topMessageId() != 0) {
                            tx.messages()
                                    .get(d.chatId(), d.topMessageId())
                                    .ifPresent(
                                            m ->
                                                    out.addMessages(
                                                            MessageViews.render(
                                                                    m, me, d.peerUserId())));
                        }
                    }
                    out.addAllUsers(
                            users.render(tx, tx.accounts().byIds(new ArrayList<>(userIds)), me));
                    if (page.size() == n) {
                        DialogRecord last = page.get(page.size() - 1);
                        out.setNextOffset(new DialogCursor(last.topDate(), last.chatId()).encode());
                    }
                    return out.build();
                });
    }

    private static Dialog.Builder dialog(DialogRecord d, Peer peer) {
        return Dialog.newBuilder()
                .setPeer(peer)
                .setTopMessageId(d.topMessageId())
                .setReadInboxMaxId(d.readInboxMaxId())
                .setReadOutboxMaxId(d.readOutboxMaxId());
    }

    /**
     * A shared chat's entry. For a member, supergroups and channels do not touch members' dialogs
     * per post: the top and the unread count are read live. For a user no longer in the chat the
     * row was frozen when they left, and nothing newer is read: the dialog must not become a way to
     * follow a chat one has left or was removed from.
     */
    private static void shared(
            StoreTx tx, long me, DialogRecord d, DialogList.Builder out, Set<Long> userIds) {
        var chat = tx.sharedChats().get(d.chatId());
        var self = tx.members().get(d.chatId(), me);
        boolean in = self.map(m -> m.inChat()).orElse(false);
        boolean ownBox = chat.map(c -> c.ownBox()).orElse(false);
        boolean channel = chat.map(c -> c.channel()).orElse(false);
        out.addDialogs(
                dialog(d, Peer.newBuilder().setChatId(d.chatId()).build())
                        .setUnreadCount(
                                in && ownBox
                                        ? tx.messages()
                                                .countUnread(d.chatId(), me, d.readInboxMaxId())
                                        : d.unreadCount())
                        .setUnreadMentionsCount(tx.messages().unreadMentions(d.chatId(), me)));
        Optional<MessageRecord> top =
                in
                        ? tx.messages().newestVisible(d.chatId(), me)
                        : tx.messages().byIds(d.chatId(), me, List.of(d.topMessageId())).stream()
                                .findFirst();
        top.flatMap(
                        m -> {
                            boolean post = m.fromId() == 0 && m.action() == null && channel;
                            return in
                                    ? Optional.of(MessageViews.renderShared(m, me, post, false))
                                    : MessageViews.renderDeparted(
                                            m,
                                            me,
                                            post,
                                            false,
                                            self.map(x -> x.leftDate()).orElse(0L));
                        })
                .ifPresent(
                        m -> {
                            out.addMessages(m);
                            if (m.getFromId() != 0) {
                                userIds.add(m.getFromId());
                            }
                        });
    }

    private static int page(int limit) {
        if (limit < 0 || limit > MAX_PAGE) {
            throw new ApiException(
                    ErrorCode.LIMIT_INVALID, "A page has 1 to " + MAX_PAGE + " entries");
        }
        return limit == 0 ? 50 : limit;
    }
}
