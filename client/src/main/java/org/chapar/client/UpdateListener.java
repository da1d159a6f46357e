package org.chapar.client;

import org.chapar.protocol.Update;
import org.chapar.protocol.User;

import java.util.List;

/**
 * Receives the user's updates in pts order, each box event exactly once, on the SDK's delivery
 * thread. Events produced by this client's own requests (a sent message, an edit) are delivered
 * too, whichever of the answer and the push comes first.
 *
 * <p>{@code Message.out} is true on every message the user wrote, however it arrived: also in the
 * updates of supergroups and channels, which the server sends in one form for every member without
 * {@code out}, and on the user's posts stored without their name (channel posts, anonymous admins'
 * posts), recognised by the author tag the SDK put on them, from any device of the user that logged
 * in with the password (protocol README, "Recognising your own posts"). The same holds for the
 * messages in what {@link ChaparClient} returns (sends, edits, history, dialogs, differences), but
 * not for {@link ChaparClient#call}, which hands the server's answer over as it came.
 */
@FunctionalInterface
public interface UpdateListener {

    /** One update; {@code users} are the users it mentions (may be empty). */
    void onUpdate(Update update, List<User> users);

    /** The client was too far behind to replay what it missed: reload dialogs and history. */
    default void onReloadNeeded() {}

    /** The same for one supergroup or channel: reload its history. */
    default void onChannelReloadNeeded(long chatId) {}
}
