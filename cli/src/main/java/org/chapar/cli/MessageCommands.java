package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChaparException;
import org.chapar.client.ChatRequests;
import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.Dialog;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.User;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** send, chats, history, read. */
final class MessageCommands {

    private MessageCommands() {}

    @Command(name = "send", description = "Send a text message to a user, group or channel.")
    static final class Send extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.HELP)
        String to;

        @Parameters(
                index = "1..*",
                arity = "1..*",
                paramLabel = "TEXT",
                description = "The words are joined with spaces.")
        List<String> words;

        @Option(
                names = "--reply-to",
                paramLabel = "ID",
                description = "The id of the message this answers.")
        long replyTo;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                ChatTargets.Target target = ChatTargets.resolve(c, to);
                SentMessage s =
                        await(c.sendMessage(target.peer(), String.join(" ", words), replyTo));
                ObjectNode j = JsonView.MAPPER.createObjectNode();
                j.set("message", JsonView.message(s.getMessage()));
                j.put("pts", s.getPts());
                print(j, "Sent #" + s.getMessage().getId() + " to " + target.label());
            }
            return 0;
        }
    }

    @Command(name = "chats", description = "List chats, most recent first.")
    static final class Chats extends ClientCommand {
        @Option(
                names = "--limit",
                defaultValue = "20",
                description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                DialogList list = await(c.getDialogs("", limit));
                Names names = new Names();
                names.add(list.getUsersList());
                ChatRequests chats = new ChatRequests(c);
                for (Dialog d : list.getDialogsList()) {
                    if (d.getPeer()
                            .hasChatId()) { // the list carries no chats: their titles are asked for
                        try {
                            names.add(await(chats.getChat(d.getPeer().getChatId())).getChat());
                        } catch (ChaparException e) {
                            // left or banned since: shown by id
                        }
                    }
                }
                Map<String, Message> tops = new HashMap<>();
                for (Message m : list.getMessagesList()) {
                    tops.put(key(m.getPeer(), m.getId()), m);
                }
                if (list.getDialogsCount() == 0 && !json()) {
                    terminal().show("No chats yet.");
                }
                for (Dialog d : list.getDialogsList()) {
                    Message top = tops.get(key(d.getPeer(), d.getTopMessageId()));
                    User user = d.getPeer().hasUserId() ? names.get(d.getPeer().getUserId()) : null;
                    ObjectNode j = JsonView.dialog(d, top, user);
                    if (d.getPeer().hasChatId() && names.chat(d.getPeer().getChatId()) != null) {
                        j.set("chat", ChatView.chat(names.chat(d.getPeer().getChatId())));
                    }
                    print(j, TextView.dialog(d, top, names));
                }
            }
            return 0;
        }

        private static String key(Peer p, long id) {
            return p.getKindCase()
                    + ":"
                    + (p.hasUserId() ? p.getUserId() : p.getChatId())
                    + ":"
                    + id;
        }
    }

    @Command(name = "history", description = "Show the latest messages of a chat, oldest first.")
    static final class History extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.HELP)
        String with;

        @Option(
                names = "--limit",
                defaultValue = "20",
                description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                ChatTargets.Target target = ChatTargets.resolve(c, with);
                MessageList list = await(c.getHistory(target.peer(), 0, limit));
                Names names = new Names();
                if (target.user() != null) {
                    names.add(target.user());
                } else {
                    names.add(target.chat());
                }
                names.add(list.getUsersList());
                List<Message> oldestFirst = new ArrayList<>(list.getMessagesList());
                java.util.Collections.reverse(oldestFirst);
                if (oldestFirst.isEmpty() && !json()) {
                    terminal().show("No messages in " + target.label() + " yet.");
                }
                for (Message m : oldestFirst) {
                    print(JsonView.message(m), TextView.message(m, names));
                }
            }
            return 0;
        }
    }

    @Command(name = "read", description = "Mark a chat as read.")
    static final class Read extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.HELP)
        String with;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                ChatTargets.Target target = ChatTargets.resolve(c, with);
                MessageList top = await(c.getHistory(target.peer(), 0, 1));
                long maxId = top.getMessagesCount() == 0 ? 0 : top.getMessages(0).getId();
                ObjectNode j = JsonView.MAPPER.createObjectNode();
                j.set("peer", JsonView.peer(target.peer()));
                j.put("max_id", maxId);
                if (maxId == 0) {
                    print(j, "No messages in " + target.label() + ".");
                    return 0;
                }
                AffectedPts a = await(c.readHistory(target.peer(), maxId));
                j.put("pts", a.getPts());
                print(j, "Read " + target.label() + " up to #" + maxId);
            }
            return 0;
        }
    }
}
