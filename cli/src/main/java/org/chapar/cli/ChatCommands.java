package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChaparException;
import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.Chat;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ChatMember;
import org.chapar.protocol.ChatMemberList;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MemberFilter;
import org.chapar.protocol.MessageViewCount;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.User;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/** group, channel, join, leave, post, members, pin, views. */
final class ChatCommands {

    private ChatCommands() {}

    /** Prints a chat and the caller's (or the target's) membership in it. */
    static void printInfo(ClientCommand cmd, ChatInfo info, String text) {
        Names names = new Names();
        names.add(info.getUsersList());
        cmd.print(ChatView.info(info, names), text);
    }

    @Command(
            name = "group",
            description = "Groups and supergroups.",
            subcommands = CreateGroup.class)
    static final class Group implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "missing subcommand: create");
        }
    }

    @Command(
            name = "create",
            description = "Create a group (up to 200 members) or, with --supergroup, a supergroup.")
    static final class CreateGroup extends ClientCommand {
        @Parameters(index = "0", paramLabel = "TITLE")
        String title;

        @Option(
                names = "--members",
                split = ",",
                paramLabel = "@USER",
                description = "Users to add at once, e.g. @alice,@bob (groups only).")
        List<String> members = new ArrayList<>();

        @Option(
                names = "--supergroup",
                description = "Create a supergroup (up to 200,000 members, its own update box).")
        boolean supergroup;

        @Option(
                names = "--public",
                paramLabel = "NAME",
                description = "Supergroups: a username that makes it public.")
        String username;

        @Override
        public Integer call() {
            if (!supergroup && username != null) {
                throw Failures.usage(
                        "--public needs --supergroup (a group cannot have a username)");
            }
            try (ChaparClient c = connectLoggedIn(false)) {
                List<User> ids = new ArrayList<>();
                for (String m : members) {
                    if (!m.isBlank()) {
                        ids.add(resolve(c, m.trim()));
                    }
                }
                ChatKind kind = supergroup ? ChatKind.SUPERGROUP : ChatKind.GROUP;
                ChatInfo info = await(new ChatRequests(c).createChat(kind, title, username, ids));
                Chat chat = info.getChat();
                printInfo(
                        this,
                        info,
                        "Created "
                                + ChatView.label(chat)
                                + " with "
                                + chat.getMembersCount()
                                + " members");
            }
            return 0;
        }
    }

    @Command(name = "channel", description = "Channels.", subcommands = CreateChannel.class)
    static final class Channel implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "missing subcommand: create");
        }
    }

    @Command(
            name = "create",
            description = "Create a channel: only its admins with post_messages post.")
    static final class CreateChannel extends ClientCommand {
        @Parameters(index = "0", paramLabel = "TITLE")
        String title;

        @Option(
                names = "--public",
                paramLabel = "NAME",
                description = "A username that makes it public (anyone can join with @NAME).")
        String username;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                ChatInfo info =
                        await(
                                new ChatRequests(c)
                                        .createChat(ChatKind.CHANNEL, title, username, List.of()));
                printInfo(this, info, "Created " + ChatView.label(info.getChat()));
            }
            return 0;
        }
    }

    @Command(
            name = "join",
            description = {
                "Join a public chat by @NAME (or chat#ID), or any chat by invite link (chapar:join/HASH or HASH).",
                "A link that needs approval files a join request: that is reported and the exit code is 0."
            })
    static final class Join extends ClientCommand {
        @Parameters(index = "0", paramLabel = "LINK|@NAME")
        String what;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                ChatRequests chats = new ChatRequests(c);
                String hash = inviteHash(what);
                try {
                    ChatInfo info;
                    if (hash != null) {
                        info = await(chats.joinByInvite(hash));
                    } else {
                        Long id = ChatTargets.chatId(what);
                        info =
                                await(
                                        id != null
                                                ? chats.join(id)
                                                : chats.joinByUsername(
                                                        what.startsWith("@")
                                                                ? what.substring(1)
                                                                : what));
                    }
                    printInfo(this, info, "Joined " + ChatView.label(info.getChat()));
                } catch (ChaparException e) {
                    if (e.getCode() != ErrorCode.INVITE_REQUEST_SENT) {
                        throw e;
                    }
                    ObjectNode j = JsonView.object();
                    j.put("status", "request_sent");
                    j.put("link", ChatView.link(hash));
                    print(j, "Join request sent; an admin of the chat will decide");
                }
            }
            return 0;
        }

        /**
         * The hash of {@code chapar:join/HASH}, {@code .../join/HASH} or a bare HASH; null
         * for @NAME or chat#ID.
         */
        static String inviteHash(String what) {
            int slash = what.lastIndexOf("join/");
            if (slash >= 0) {
                return what.substring(slash + "join/".length());
            }
            if (what.startsWith("@") || what.startsWith("#") || what.startsWith("chat#")) {
                return null;
            }
            return what;
        }
    }

    @Command(name = "leave", description = "Leave a group or channel (the creator cannot).")
    static final class Leave extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.CHAT_HELP)
        String chat;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                Chat target = ChatTargets.chat(c, chat);
                ChatInfo info = await(new ChatRequests(c).leave(target.getId()));
                printInfo(this, info, "Left " + ChatView.label(info.getChat()));
            }
            return 0;
        }
    }

    @Command(
            name = "post",
            description = "Post to a channel (admins with post_messages), or send to a group.")
    static final class Post extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.CHAT_HELP)
        String chat;

        @Parameters(
                index = "1..*",
                arity = "1..*",
                paramLabel = "TEXT",
                description = "The words are joined with spaces.")
        List<String> words;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                Chat target = ChatTargets.chat(c, chat);
                SentMessage s =
                        await(c.sendMessage(Peers.chat(target.getId()), String.join(" ", words)));
                ObjectNode j = JsonView.object();
                j.set("message", JsonView.message(s.getMessage()));
                j.put("pts", s.getPts());
                print(j, "Posted #" + s.getMessage().getId() + " to " + ChatView.label(target));
            }
            return 0;
        }
    }

    @Command(
            name = "members",
            description = "List a chat's members in join order (channels: admins only).")
    static final class Members extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.CHAT_HELP)
        String chat;

        @Option(
                names = "--filter",
                defaultValue = "all",
                paramLabel = "WHICH",
                description = "all, admins, banned or restricted (default ${DEFAULT-VALUE}).")
        String filter;

        @Option(
                names = "--limit",
                defaultValue = "100",
                description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "Skip this many.")
        int offset;

        @Override
        public Integer call() {
            MemberFilter f =
                    switch (filter.toLowerCase(java.util.Locale.ROOT)) {
                        case "all" -> MemberFilter.FILTER_ALL;
                        case "admins" -> MemberFilter.FILTER_ADMINS;
                        case "banned" -> MemberFilter.FILTER_BANNED;
                        case "restricted" -> MemberFilter.FILTER_RESTRICTED;
                        default ->
                                throw Failures.usage(
                                        "--filter is all, admins, banned or restricted, not '"
                                                + filter
                                                + "'");
                    };
            try (ChaparClient c = connectLoggedIn(false)) {
                Chat target = ChatTargets.chat(c, chat);
                ChatMemberList list =
                        await(new ChatRequests(c).getMembers(target.getId(), f, offset, limit));
                Names names = new Names();
                names.add(list.getUsersList());
                if (!json()) {
                    terminal()
                            .show(
                                    ChatView.label(target)
                                            + ": "
                                            + list.getCount()
                                            + " "
                                            + (f == MemberFilter.FILTER_ALL ? "members" : filter));
                }
                for (ChatMember m : list.getMembersList()) {
                    print(ChatView.member(m, names), ChatView.memberText(m, names));
                }
            }
            return 0;
        }
    }

    @Command(name = "pin", description = "Pin (or with --unpin, unpin) a message in a chat.")
    static final class Pin extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.HELP)
        String chat;

        @Parameters(index = "1", paramLabel = "ID", description = "The message id.")
        long id;

        @Option(names = "--unpin", description = "Unpin instead.")
        boolean unpin;

        @Option(names = "--silent", description = "Post no 'pinned' service message.")
        boolean silent;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                ChatTargets.Target target = ChatTargets.resolve(c, chat);
                AffectedPts a =
                        await(new ChatRequests(c).pinMessage(target.peer(), id, unpin, silent));
                ObjectNode j = JsonView.object();
                j.set("peer", JsonView.peer(target.peer()));
                j.put("id", id);
                j.put("pinned", !unpin);
                j.put("pts", a.getPts());
                print(j, (unpin ? "Unpinned #" : "Pinned #") + id + " in " + target.label());
            }
            return 0;
        }
    }

    @Command(name = "views", description = "View counts of channel posts.")
    static final class Views extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.CHAT_HELP)
        String chat;

        @Parameters(
                index = "1..*",
                arity = "1..*",
                paramLabel = "ID",
                description = "Message ids (1-100).")
        List<Long> ids;

        @Option(
                names = "--increment",
                description =
                        "Count your own view of them too (once per account), as a reader would.")
        boolean increment;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                Chat target = ChatTargets.chat(c, chat);
                List<MessageViewCount> views =
                        await(new ChatRequests(c).getMessageViews(target.getId(), ids, increment));
                if (views.isEmpty() && !json()) {
                    terminal().show("No such posts in " + ChatView.label(target) + ".");
                }
                for (MessageViewCount v : views) {
                    ObjectNode j = JsonView.object();
                    j.put("chat_id", target.getId());
                    j.put("id", v.getId());
                    j.put("views", v.getViews());
                    j.put("forwards", v.getForwards());
                    print(
                            j,
                            "#"
                                    + v.getId()
                                    + "  "
                                    + v.getViews()
                                    + " views  "
                                    + v.getForwards()
                                    + " forwards");
                }
            }
            return 0;
        }
    }
}
