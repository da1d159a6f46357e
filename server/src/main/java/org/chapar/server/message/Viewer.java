package org.chapar.server.message;

/**
 * Who a message is rendered for, and how they stand to its chat: that alone decides the form the
 * message takes ({@link MessageViews#view}). Live pushes, differences and history pick one of these
 * and render through the same method.
 */
public sealed interface Viewer {

    /** A user of a private chat; {@code peerId} is the other one (themselves in saved messages). */
    record InPrivateChat(long userId, long peerId) implements Viewer {}

    /** A current member of a shared chat, seeing it in their own box or history. */
    record Member(long userId, boolean post, boolean mentioned) implements Viewer {}

    /** A former member of a group: the chat as it was when they left at {@code leftDate}. */
    record Departed(long userId, boolean mentioned, long leftDate) implements Viewer {}

    /**
     * Every member of a supergroup or channel at once: the one form written unchanged to each of
     * their connections and read back by GetChannelDifference, so it has no out and no mentioned.
     */
    record Everyone(boolean post) implements Viewer {}
}
