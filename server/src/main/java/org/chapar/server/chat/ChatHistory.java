package org.chapar.server.chat;

import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.MessageViewCount;
import org.chapar.protocol.MessageViewsList;
import org.chapar.server.account.UserViews;
import org.chapar.server.core.ApiException;
import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.MessageViews;
import org.chapar.server.message.Viewer;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreTx;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The read side of shared chats' messages: history pages, messages by id, and view counts. */
final class ChatHistory {
    private final Store store;
    private final Clock clock;
    private final UserViews users;

    ChatHistory(Store store, Clock clock, UserViews users) {
        this.store = store;
        this.clock = clock;
        this.users = users;
    }

    MessageList page(StoreTx tx, long me, long chatId, long offsetId, int limit) {
        Access a = reader(tx, chatId, me);
        return list(tx, a, tx.messages().history(chatId, me, offsetId, limit));
    }

    MessageList byIds(StoreTx tx, long me, long chatId, List<Long> ids) {
        Access a = reader(tx, chatId, me);
        return list(tx, a, tx.messages().byIds(chatId, me, ids));
    }

    private Access reader(StoreTx tx, long chatId, long me) {
        Access a = Access.load(tx, chatId, me, clock.millis() / 1000);
        a.requireReader();
        return a;
    }

    /** Messages as the caller sees them in history: with their own out and mentioned marks. */
    private MessageList list(StoreTx tx, Access a, List<MessageRecord> messages) {
        MessageList.Builder out = MessageList.newBuilder();
        Set<Long> ids = new LinkedHashSet<>();
        long me = a.userId();
        for (MessageRecord m : messages) {
            boolean mentioned = tx.messages().mentions(m.chatId(), m.id(), me);
            var viewer = new Viewer.Member(me, a.chat().channel(), mentioned);
            out.addMessages(MessageViews.view(m, viewer).orElseThrow());
            if (m.fromId() != 0) {
                ids.add(m.fromId());
            }
            if (m.action() != null) {
                ids.addAll(m.action().getUserIdsList());
            }
        }
        out.addAllUsers(users.render(tx, tx.accounts().byIds(ids), me));
        return out.build();
    }

    CompletableFuture<MessageViewsList> views(
            long me, long chatId, List<Long> ids, boolean increment) {
        if (ids.isEmpty() || ids.size() > 100) {
            throw new ApiException(ErrorCode.LIMIT_INVALID, "Ask for 1 to 100 messages");
        }
        if (!increment) {
            return store.read(tx -> views(tx, me, chatId, ids, false));
        }
        return store.write(tx -> views(tx, me, chatId, ids, true));
    }

    private MessageViewsList views(
            StoreTx tx, long me, long chatId, List<Long> ids, boolean increment) {
        reader(tx, chatId, me);
        MessageViewsList.Builder out = MessageViewsList.newBuilder();
        for (long id : ids) {
            if (increment) {
                tx.messages().addView(chatId, id, me);
            }
            tx.messages()
                    .get(chatId, id)
                    .ifPresent(
                            m ->
                                    out.addViews(
                                            MessageViewCount.newBuilder()
                                                    .setId(id)
                                                    .setViews(m.views())
                                                    .setForwards(m.forwards())));
        }
        return out.build();
    }
}
