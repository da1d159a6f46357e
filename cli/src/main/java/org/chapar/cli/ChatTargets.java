package org.chapar.cli;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChaparException;
import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.Chat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;

/**
 * Turns what the user typed into a chat: {@code @name} is a user or a public supergroup or channel
 * (usernames are unique across both), {@code chat#ID} (or {@code #ID}, quoted in a shell) is a
 * shared chat by id, which is the only way to name a private group or channel. {@code @me} is the
 * caller's saved messages (no username is that short, so it names nobody else).
 */
final class ChatTargets {

    static final String HELP =
            "@NAME (a user or a public chat), chat#ID (any group or channel; see 'chapar chats')"
                    + " or @me (your saved messages)";
    static final String CHAT_HELP =
            "@NAME (a public chat) or chat#ID (any group or channel; see 'chapar chats')";

    private ChatTargets() {}

    /** A resolved chat: the private chat with {@code user}, or the shared chat {@code chat}. */
    record Target(Peer peer, User user, Chat chat) {
        /** The chat id; a usage error when the target is a user. */
        long chatId(String what) {
            if (chat == null) {
                throw Failures.usage(
                        what
                                + " needs a group or channel, and @"
                                + user.getUsername()
                                + " is a user");
            }
            return chat.getId();
        }

        String label() {
            return user == null
                    ? ChatView.label(chat)
                    : user.getSelf() ? Names.SAVED_MESSAGES : "@" + user.getUsername();
        }
    }

    /** A user or a chat. */
    static Target resolve(ChaparClient c, String spec) {
        Long id = chatId(spec);
        if (id != null) {
            return ofChat(ClientCommand.await(new ChatRequests(c).getChat(id)).getChat());
        }
        String name = name(spec);
        if (name.equalsIgnoreCase("me")) {
            User me = ClientCommand.await(c.getMe());
            return new Target(Peers.user(me), me, null);
        }
        try {
            User u = ClientCommand.await(c.resolveUsername(name));
            return new Target(Peers.user(u), u, null);
        } catch (ChaparException e) {
            if (e.getCode() != ErrorCode.USER_NOT_FOUND) {
                throw e;
            }
        }
        try {
            return ofChat(ClientCommand.await(new ChatRequests(c).resolveChat(name)).getChat());
        } catch (ChaparException e) {
            if (e.getCode() == ErrorCode.CHAT_NOT_FOUND) {
                throw new ChaparException(
                        ErrorCode.USER_NOT_FOUND, "no user or public chat is named @" + name, 0);
            }
            throw e;
        }
    }

    /** A shared chat only (@name is looked up among public chats). */
    static Chat chat(ChaparClient c, String spec) {
        Long id = chatId(spec);
        ChatRequests chats = new ChatRequests(c);
        return ClientCommand.await(id != null ? chats.getChat(id) : chats.resolveChat(name(spec)))
                .getChat();
    }

    private static Target ofChat(Chat chat) {
        return new Target(Peers.chat(chat.getId()), null, chat);
    }

    /** The id of {@code chat#ID} or {@code #ID}; null for a name. */
    static Long chatId(String spec) {
        String digits =
                spec.startsWith("chat#")
                        ? spec.substring(5)
                        : spec.startsWith("#") ? spec.substring(1) : null;
        if (digits == null) {
            return null;
        }
        try {
            long id = Long.parseLong(digits);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Failures.usage("expected chat#ID with a positive number, got '" + spec + "'");
    }

    private static String name(String spec) {
        String n = spec.startsWith("@") ? spec.substring(1) : spec;
        if (n.isEmpty()) {
            throw Failures.usage("expected @NAME or chat#ID, got '" + spec + "'");
        }
        return n;
    }

    /** Message {@code id} of the chat; MESSAGE_NOT_FOUND (exit 1) when it has none of that id. */
    static Message message(ChaparClient c, Target target, long id) {
        if (id <= 0) {
            throw Failures.usage("MESSAGE_ID is a positive message id");
        }
        MessageList list = ClientCommand.await(c.getHistory(target.peer(), id + 1, 1));
        if (list.getMessagesCount() == 0 || list.getMessages(0).getId() != id) {
            throw new Failures.CliFailure(
                    "MESSAGE_NOT_FOUND", "no message #" + id + " in " + target.label(), 1);
        }
        return list.getMessages(0);
    }
}
