package org.chapar.client;

import com.google.protobuf.ByteString;

import org.chapar.protocol.ChannelDifference;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.Difference;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.Update;

import java.util.function.Supplier;

/**
 * The one place the SDK decides which messages are the user's own, and tags the user's posts so
 * that it can. The server sets {@code out} only where it knows the reader wrote the message; the
 * one form of a supergroup's or channel's updates, which every member gets, has none, and a post
 * stored without its author (from_id 0) names nobody. Here a message is the user's own when its
 * from_id is theirs or its author tag is one their {@link AuthorKey} made. The key comes from the
 * stored {@link SyncState}: it lives as long as the session, and any thread may ask.
 */
final class OwnMessages {

    private final Supplier<SyncState> state;

    OwnMessages(Supplier<SyncState> state) {
        this.state = state;
    }

    /** The author tag for a post to {@code peer}: empty unless a shared chat and a key is known. */
    ByteString tagFor(Peer peer) {
        AuthorKey key = state.get().author();
        return peer.hasChatId() && key != null ? key.tag(peer.getChatId()) : ByteString.EMPTY;
    }

    Message mark(Message m) {
        return !m.getOut() && mine(m, state.get()) ? m.toBuilder().setOut(true).build() : m;
    }

    /** The update with {@code out} set on its message if that is the user's own. */
    Update mark(Update u) {
        return switch (u.getKindCase()) {
            case NEW_MESSAGE -> {
                Message m = u.getNewMessage().getMessage();
                Message marked = mark(m);
                yield marked == m
                        ? u
                        : u.toBuilder()
                                .setNewMessage(u.getNewMessage().toBuilder().setMessage(marked))
                                .build();
            }
            case EDITED_MESSAGE -> {
                Message m = u.getEditedMessage().getMessage();
                Message marked = mark(m);
                yield marked == m
                        ? u
                        : u.toBuilder()
                                .setEditedMessage(
                                        u.getEditedMessage().toBuilder().setMessage(marked))
                                .build();
            }
            default -> u;
        };
    }

    SentMessage mark(SentMessage s) {
        Message marked = mark(s.getMessage());
        return marked == s.getMessage() ? s : s.toBuilder().setMessage(marked).build();
    }

    MessageList mark(MessageList list) {
        MessageList.Builder b = list.toBuilder();
        for (int i = 0; i < b.getMessagesCount(); i++) {
            b.setMessages(i, mark(b.getMessages(i)));
        }
        return b.build();
    }

    DialogList mark(DialogList list) {
        DialogList.Builder b = list.toBuilder();
        for (int i = 0; i < b.getMessagesCount(); i++) {
            b.setMessages(i, mark(b.getMessages(i)));
        }
        return b.build();
    }

    Difference mark(Difference d) {
        Difference.Builder b = d.toBuilder();
        for (int i = 0; i < b.getUpdatesCount(); i++) {
            b.setUpdates(i, mark(b.getUpdates(i)));
        }
        return b.build();
    }

    ChannelDifference mark(ChannelDifference d) {
        ChannelDifference.Builder b = d.toBuilder();
        for (int i = 0; i < b.getUpdatesCount(); i++) {
            b.setUpdates(i, mark(b.getUpdates(i)));
        }
        return b.build();
    }

    private static boolean mine(Message m, SyncState s) {
        if (s.userId() == 0) {
            return false;
        }
        if (m.getFromId() != 0) {
            return m.getFromId() == s.userId();
        }
        AuthorKey key = s.author();
        return key != null
                && m.getPeer().hasChatId()
                && key.made(m.getPeer().getChatId(), m.getAuthorTag());
    }
}
