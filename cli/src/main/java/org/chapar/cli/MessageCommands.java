package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChaparException;
import org.chapar.client.ChatRequests;
import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.Dialog;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.User;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** send, chats, history, read. */
final class MessageCommands {

    private MessageCommands() {}

    @Command(
            name = "send",
            description = {
                "Send a text message, or a file with --file, to a user, group or channel.",
                "With --file the file is uploaded (resumed from where it stopped if an earlier"
                        + " run was cut) and sent as a photo, video, voice note, audio or document,"
                        + " the kind told by its extension unless --as says; TEXT is then not"
                        + " given (use --caption).",
                "With - as the TEXT, send each line of standard input as one message over one"
                        + " connection (blank lines are skipped); each is acknowledged as it is"
                        + " sent, and the exit code is 1 if any was refused."
            })
    static final class Send extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.HELP)
        String to;

        @Parameters(
                index = "1..*",
                arity = "0..*",
                paramLabel = "TEXT",
                description = "The words are joined with spaces; - reads standard input.")
        List<String> words;

        @Option(
                names = "--reply-to",
                paramLabel = "ID",
                description = "The id of the message this answers.")
        long replyTo;

        @Option(names = "--file", paramLabel = "PATH", description = "Send this file.")
        Path file;

        @Option(
                names = "--caption",
                paramLabel = "TEXT",
                description = "With --file: the caption (up to 1,024 characters).")
        String caption;

        @Option(
                names = "--as",
                paramLabel = "KIND",
                description =
                        "With --file: photo, video, voice, audio or document (default: by the"
                                + " file's extension, else document).")
        String as;

        @Option(
                names = "--duration",
                paramLabel = "SECONDS",
                description = "With --file: the length of a video, voice note or audio.")
        int duration;

        @Option(
                names = "--size",
                paramLabel = "WxH",
                description = "With --file: a video's width and height, e.g. 1280x720.")
        String size;

        @Override
        public Integer call() throws IOException, InterruptedException {
            boolean hasWords = words != null && !words.isEmpty();
            if (file == null && !hasWords) {
                throw Failures.usage("give the TEXT to send, or --file PATH");
            }
            if (file != null && (hasWords || replyTo != 0)) {
                throw Failures.usage("with --file, give the text as --caption (and no --reply-to)");
            }
            if (file == null && (caption != null || as != null)) {
                throw Failures.usage("--caption and --as go with --file");
            }
            try (ChaparClient c = connectLoggedIn(false)) {
                ChatTargets.Target target = ChatTargets.resolve(c, to);
                if (file != null) {
                    int[] wh = dimensions(size);
                    MediaCommands.send(
                            this,
                            c,
                            target,
                            new MediaCommands.FileToSend(
                                    file,
                                    caption == null ? "" : caption,
                                    as,
                                    duration,
                                    wh[0],
                                    wh[1]));
                    return 0;
                }
                if (!words.equals(List.of("-"))) {
                    send(c, target, String.join(" ", words));
                    return 0;
                }
                BufferedReader lines =
                        new BufferedReader(
                                new InputStreamReader(terminal().in(), StandardCharsets.UTF_8));
                int lineNumber = 0;
                List<Integer> refused = new ArrayList<>();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        sendWaitingOutFloods(c, target, line);
                    } catch (ChaparException e) {
                        refused.add(lineNumber);
                        Failures.report(
                                new ChaparException(
                                        e.getCode(),
                                        "line " + lineNumber + ": " + e.getMessage(),
                                        e.retryAfterMs()),
                                json(),
                                terminal());
                    }
                }
                if (!refused.isEmpty()) {
                    throw new Failures.CliFailure(
                            "REFUSED", "not sent: the messages of lines " + refused, 1);
                }
            }
            return 0;
        }

        private static int[] dimensions(String size) {
            if (size == null) {
                return new int[] {0, 0};
            }
            String[] parts = size.split("x", -1);
            try {
                if (parts.length == 2) {
                    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
                }
            } catch (NumberFormatException e) {
                // falls through to the usage error
            }
            throw Failures.usage("--size takes WIDTHxHEIGHT, e.g. 1280x720, not '" + size + "'");
        }

        /** A script's many lines may meet the per-account rate limit: wait as told, then retry. */
        private void sendWaitingOutFloods(ChaparClient c, ChatTargets.Target target, String text)
                throws InterruptedException {
            while (true) {
                try {
                    send(c, target, text);
                    return;
                } catch (ChaparException e) {
                    if (e.getCode() != ErrorCode.FLOOD_WAIT || e.retryAfterMs() <= 0) {
                        throw e;
                    }
                    Thread.sleep(e.retryAfterMs());
                }
            }
        }

        private void send(ChaparClient c, ChatTargets.Target target, String text) {
            SentMessage s = await(c.sendMessage(target.peer(), text, replyTo));
            ObjectNode j = JsonView.object();
            j.set("message", JsonView.message(s.getMessage()));
            j.put("pts", s.getPts());
            print(j, "Sent #" + s.getMessage().getId() + " to " + target.label());
        }
    }

    @Command(name = "chats", description = "List chats, most recent first.")
    static final class Chats extends ClientCommand {
        @Option(
                names = "--limit",
                defaultValue = "20",
                description = "At most this many, any number (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            Pages.positive(limit);
            try (ChaparClient c = connectLoggedIn(false)) {
                DialogList list = Pages.dialogs(c, limit);
                Names names = new Names();
                names.add(list.getUsersList());
                // the list carries no chats: their titles are asked for, all at once
                ChatRequests chats = new ChatRequests(c);
                List<CompletableFuture<ChatInfo>> infos = new ArrayList<>();
                for (Dialog d : list.getDialogsList()) {
                    if (d.getPeer().hasChatId()) {
                        infos.add(chats.getChat(d.getPeer().getChatId()));
                    }
                }
                for (CompletableFuture<ChatInfo> info : infos) {
                    try {
                        names.add(await(info).getChat());
                    } catch (ChaparException e) {
                        // left or banned since: shown by id
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

    @Command(
            name = "history",
            description = {
                "Show messages of a chat, oldest first: the latest ones, or those around an id.",
                "To move back, pass the first id shown as --before; forward, the last as --after."
            })
    static final class History extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.HELP)
        String with;

        @Option(
                names = "--limit",
                defaultValue = "20",
                description = "At most this many, any number (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(
                names = "--before",
                paramLabel = "ID",
                description = "The latest messages older than message ID.")
        long before;

        @Option(
                names = "--after",
                paramLabel = "ID",
                description = "The first messages newer than message ID.")
        long after;

        @Override
        public Integer call() {
            Pages.positive(limit);
            if (before < 0 || after < 0 || (before > 0 && before <= after + 1)) {
                throw Failures.usage(
                        "--before and --after take message ids, and --before must be above --after"
                                + " + 1");
            }
            try (ChaparClient c = connectLoggedIn(false)) {
                ChatTargets.Target target = ChatTargets.resolve(c, with);
                MessageList list = Pages.history(c, target.peer(), before, after, limit);
                Names names = new Names();
                if (target.user() != null) {
                    names.add(target.user());
                } else {
                    names.add(target.chat());
                }
                names.add(list.getUsersList());
                if (list.getMessagesCount() == 0 && !json()) {
                    terminal().show("No messages in " + target.label() + " yet.");
                }
                for (Message m : list.getMessagesList()) {
                    print(JsonView.message(m, names), TextView.message(m, names));
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
                ObjectNode j = JsonView.object();
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
