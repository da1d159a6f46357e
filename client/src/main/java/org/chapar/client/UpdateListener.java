package org.chapar.client;

import org.chapar.protocol.Update;
import org.chapar.protocol.User;

import java.util.List;

/**
 * Receives the user's updates in pts order, each box event exactly once, on the SDK's delivery
 * thread. Events produced by this client's own requests (a sent message, an edit) are delivered
 * too, whichever of the answer and the push comes first.
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
