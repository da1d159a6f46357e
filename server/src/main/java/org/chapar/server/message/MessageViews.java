package org.chapar.server.message;

import com.google.protobuf.InvalidProtocolBufferException;

import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;

import java.util.Optional;

/** Renders stored messages as the protocol's Message, as one member of the chat sees them. */
public final class MessageViews {
    private MessageViews() {}

    /** The message as this viewer sees it; empty when they may not see it any more. */
    public static Optional<Message> view(MessageRecord m, Viewer viewer) {
        return switch (viewer) {
            case Viewer.InPrivateChat p -> Optional.of(render(m, p.userId(), p.peerId()));
            case Viewer.Member v ->
                    Optional.of(renderShared(m, v.userId(), v.post(), v.mentioned()));
            case Viewer.Departed d ->
                    renderDeparted(m, d.userId(), false, d.mentioned(), d.leftDate());
            case Viewer.Everyone e -> Optional.of(renderShared(m, 0, e.post(), false));
        };
    }

    /** A message of a private chat; {@code peerUserId} is the other user, as seen by the viewer. */
    public static Message render(MessageRecord m, long viewer, long peerUserId) {
        Message.Builder b =
                Message.newBuilder()
                        .setPeer(Peer.newBuilder().setUserId(peerUserId))
                        .setId(m.id())
                        .setFromId(m.fromId())
                        .setDate(m.date())
                        .setText(m.text())
                        .setReplyToId(m.replyToId())
                        .setEditDate(m.editDate())
                        .setOut(m.fromId() == viewer);
        if (m.fwd() != null) {
            b.setFwdFrom(m.fwd());
        }
        media(b, m);
        return withMarkup(b, m).build();
    }

    /** Merges the stored entities and buttons (a Message holding only those fields). */
    private static Message.Builder withMarkup(Message.Builder b, MessageRecord m) {
        if (m.markup() != null) {
            try {
                b.mergeFrom(m.markup());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("corrupt markup of message " + m.id(), e);
            }
        }
        return b;
    }

    /**
     * A message of a shared chat as {@code viewer} sees it; viewer 0 renders the form pushed once
     * to every member of a supergroup or channel (no out, no mentioned).
     */
    public static Message renderShared(
            MessageRecord m, long viewer, boolean post, boolean mentioned) {
        Message.Builder b =
                Message.newBuilder()
                        .setPeer(Peer.newBuilder().setChatId(m.chatId()))
                        .setId(m.id())
                        .setFromId(m.fromId())
                        .setDate(m.date())
                        .setText(m.text())
                        .setReplyToId(m.replyToId())
                        .setEditDate(m.editDate())
                        .setOut(viewer != 0 && m.fromId() == viewer)
                        .setViews(m.views())
                        .setForwards(m.forwards())
                        .setPostAuthor(m.postAuthor())
                        .setPinned(m.pinned())
                        .setMentioned(mentioned)
                        .setPost(post);
        if (m.fwd() != null) {
            b.setFwdFrom(m.fwd());
        }
        if (m.action() != null) {
            b.setAction(m.action());
        }
        if (m.authorTag() != null) {
            b.setAuthorTag(m.authorTag());
        }
        media(b, m);
        return withMarkup(b, m).build();
    }

    /**
     * A shared chat's message as a user no longer in the chat may still see it: as it was when
     * their membership ended at {@code leftDate}. Only the current text is stored, so a message
     * edited since is withheld (empty); its pin, views and forwards, which change later, are not
     * shown.
     */
    public static Optional<Message> renderDeparted(
            MessageRecord m, long viewer, boolean post, boolean mentioned, long leftDate) {
        if (m.editDate() >= leftDate && m.editDate() != 0) {
            return Optional.empty();
        }
        return Optional.of(
                renderShared(m, viewer, post, mentioned).toBuilder()
                        .setPinned(false)
                        .setViews(0)
                        .setForwards(0)
                        .build());
    }

    private static void media(Message.Builder b, MessageRecord m) {
        if (m.media() != null) {
            b.setMedia(m.media()).setGroupedId(m.groupedId());
        }
    }

    /**
     * The other member of a private chat as seen by the viewer ({@code members} lower id first).
     */
    public static long otherMember(long[] members, long viewer) {
        return members[0] == viewer ? members[1] : members[0];
    }
}
