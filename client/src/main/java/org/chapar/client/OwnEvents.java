package org.chapar.client;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.EditedMessage;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.Peer;
import org.chapar.protocol.PinnedMessage;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Update;

import java.util.function.Consumer;

/**
 * The box events of the user's own writes, built from their answers and fed to the box the answer
 * names (its channel_id), so the answer and the push are one event whichever arrives first. Runs on
 * the link thread, as the answers' hooks.
 */
final class OwnEvents {

    private final SyncDriver sync;

    OwnEvents(SyncDriver sync) {
        this.sync = sync;
    }

    /** A send or a forward: the answer's message is new in its box. */
    void sent(ServerFrame f) {
        SentMessage s = LinkCalls.expect(f, ServerFrame.BodyCase.SENT_MESSAGE).getSentMessage();
        offer(
                box(s.getPts(), s.getPtsCount(), s.getChannelId())
                        .setNewMessage(NewMessage.newBuilder().setMessage(s.getMessage())));
    }

    /** An edit: the answer's message is the edited one. */
    void edited(ServerFrame f) {
        SentMessage s = LinkCalls.expect(f, ServerFrame.BodyCase.SENT_MESSAGE).getSentMessage();
        offer(
                box(s.getPts(), s.getPtsCount(), s.getChannelId())
                        .setEditedMessage(EditedMessage.newBuilder().setMessage(s.getMessage())));
    }

    /** An answer naming the pts its request took; {@code event} fills in what happened there. */
    void affected(ServerFrame f, Consumer<Update.Builder> event) {
        AffectedPts a = affectedPts(f);
        if (a.getPts() != 0 && a.getPtsCount() > 0) { // count 0: the request changed nothing
            Update.Builder u = box(a.getPts(), a.getPtsCount(), a.getChannelId());
            event.accept(u);
            offer(u);
        }
    }

    /**
     * A pin or an unpin, whose event is a PinnedMessage. A pin that posts a service message (not
     * silent) answers that message's pts, and the answer does not carry the message: the box is
     * only told it reaches that pts, so the pushes, or a difference if they do not come, bring both
     * events.
     */
    void pinned(ServerFrame f, Peer peer, long id, boolean unpin, boolean silent) {
        AffectedPts a = LinkCalls.expect(f, ServerFrame.BodyCase.AFFECTED).getAffected();
        if (unpin || silent) {
            affected(
                    f,
                    u ->
                            u.setPinnedMessage(
                                    PinnedMessage.newBuilder()
                                            .setPeer(peer)
                                            .setId(id)
                                            .setPinned(!unpin)));
        } else {
            sync.reaches(a.getChannelId(), a.getPts());
        }
    }

    /** The pts an answer says its request took (none for Ok). */
    static AffectedPts affectedPts(ServerFrame f) {
        return switch (f.getBodyCase()) {
            case AFFECTED -> f.getAffected();
            case SENT_MESSAGE ->
                    AffectedPts.newBuilder()
                            .setPts(f.getSentMessage().getPts())
                            .setPtsCount(f.getSentMessage().getPtsCount())
                            .setChannelId(f.getSentMessage().getChannelId())
                            .build();
            case OK -> AffectedPts.getDefaultInstance();
            default ->
                    throw new ChaparException(
                            ErrorCode.INTERNAL, "unexpected answer " + f.getBodyCase(), 0);
        };
    }

    private void offer(Update.Builder event) {
        sync.offerOwn(event.build());
    }

    private static Update.Builder box(long pts, int ptsCount, long channelId) {
        return Update.newBuilder().setPts(pts).setPtsCount(ptsCount).setChannelId(channelId);
    }
}
