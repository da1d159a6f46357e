package org.chapar.cli;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChatRequests;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.Chat;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.Restrictions;
import org.chapar.protocol.User;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.CompletableFuture;

/** promote, demote, restrict, ban, unban: what admins do to members. */
final class AdminCommands {

    static final String ADMIN_RIGHTS =
            "change_info, post_messages, edit_messages, delete_messages, ban_users, invite_users, pin_messages, add_admins, anonymous, manage_call";
    static final String RESTRICTIONS =
            "view_messages (a ban), send_messages, send_media, embed_links, invite_users, pin_messages, change_info";
    static final String TIME_FORMATS =
            "30m, 2h, 7d, 1w (from now), 2026-12-01, 2026-12-01T10:00 (local) or"
                    + " 2026-12-01T10:00:00Z, at most "
                    + ChatOptions.MAX_DAYS
                    + " days ahead";
    static final String TIME_HELP = TIME_FORMATS + "; default: forever";

    private AdminCommands() {}

    /** A change to one member of one chat; prints the chat and the member's new state. */
    abstract static class OnMember extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.CHAT_HELP)
        String chatName;

        @Parameters(index = "1", paramLabel = "@USER")
        String userName;

        /** Checks the options before anything is sent. */
        void validate() {}

        abstract CompletableFuture<ChatInfo> apply(ChatRequests chats, Chat chat, User user);

        abstract String done(Chat chat, User user);

        @Override
        public Integer call() {
            validate();
            try (ChaparClient c = connectLoggedIn(false)) {
                Chat chat = ChatTargets.chat(c, chatName);
                User user = resolve(c, userName);
                ChatInfo info = await(apply(new ChatRequests(c), chat, user));
                ChatCommands.printInfo(this, info, done(chat, user));
            }
            return 0;
        }
    }

    @Command(
            name = "promote",
            description = "Make a member an admin with these rights, or change an admin's rights.")
    static final class Promote extends OnMember {
        @Option(
                names = "--rights",
                required = true,
                paramLabel = "A,B,C",
                description = "Comma-separated: " + ADMIN_RIGHTS + ".")
        String rights;

        @Option(
                names = "--anonymous",
                description = "Also the anonymous right: post in a group as the group.")
        boolean anonymous;

        AdminRights parsed;

        @Override
        void validate() {
            AdminRights r = ChatOptions.adminRights(rights);
            parsed = anonymous ? r.toBuilder().setAnonymous(true).build() : r;
            if (ChatOptions.names(parsed).isEmpty()) {
                throw Failures.usage(
                        "no right given; to take all rights away use: chapar demote CHAT @USER");
            }
        }

        @Override
        CompletableFuture<ChatInfo> apply(ChatRequests chats, Chat chat, User user) {
            return chats.editAdmin(chat.getId(), user.getId(), parsed);
        }

        @Override
        String done(Chat chat, User user) {
            return "Promoted @"
                    + user.getUsername()
                    + " in "
                    + ChatView.label(chat)
                    + ": "
                    + String.join(", ", ChatOptions.names(parsed));
        }
    }

    @Command(name = "demote", description = "Take all admin rights away from an admin.")
    static final class Demote extends OnMember {
        @Override
        CompletableFuture<ChatInfo> apply(ChatRequests chats, Chat chat, User user) {
            return chats.editAdmin(chat.getId(), user.getId(), AdminRights.getDefaultInstance());
        }

        @Override
        String done(Chat chat, User user) {
            return "Demoted @" + user.getUsername() + " in " + ChatView.label(chat);
        }
    }

    @Command(
            name = "restrict",
            description =
                    "Refuse a member some actions, until a time or forever (needs ban_users).")
    static final class Restrict extends OnMember {
        @Option(
                names = "--rights",
                required = true,
                paramLabel = "A,B,C",
                description =
                        "What to refuse, comma-separated: " + RESTRICTIONS + "; none lifts all.")
        String rights;

        @Option(
                names = "--until",
                paramLabel = "TIME",
                description = "When it ends: " + TIME_HELP + ".")
        String until;

        Restrictions parsed;
        long untilDate;

        @Override
        void validate() {
            parsed = ChatOptions.restrictions(rights);
            untilDate = until == null ? 0 : ChatOptions.time(until);
        }

        @Override
        CompletableFuture<ChatInfo> apply(ChatRequests chats, Chat chat, User user) {
            return chats.editRestrictions(chat.getId(), user, parsed, untilDate);
        }

        @Override
        String done(Chat chat, User user) {
            java.util.List<String> names = ChatOptions.names(parsed);
            if (names.isEmpty()) {
                return "Lifted the restrictions of @"
                        + user.getUsername()
                        + " in "
                        + ChatView.label(chat);
            }
            return "Restricted @"
                    + user.getUsername()
                    + " in "
                    + ChatView.label(chat)
                    + ": "
                    + String.join(", ", names)
                    + (untilDate == 0 ? "" : " until " + TextView.time(untilDate));
        }
    }

    @Command(
            name = "ban",
            description =
                    "Remove a member and keep them out, until a time or forever (needs ban_users).")
    static final class Ban extends OnMember {
        @Option(
                names = "--until",
                paramLabel = "TIME",
                description = "When the ban ends: " + TIME_HELP + ".")
        String until;

        long untilDate;

        @Override
        void validate() {
            untilDate = until == null ? 0 : ChatOptions.time(until);
        }

        @Override
        CompletableFuture<ChatInfo> apply(ChatRequests chats, Chat chat, User user) {
            return chats.editRestrictions(
                    chat.getId(),
                    user,
                    Restrictions.newBuilder().setViewMessages(true).build(),
                    untilDate);
        }

        @Override
        String done(Chat chat, User user) {
            return "Banned @"
                    + user.getUsername()
                    + " from "
                    + ChatView.label(chat)
                    + (untilDate == 0 ? "" : " until " + TextView.time(untilDate));
        }
    }

    @Command(
            name = "unban",
            description = "Lift a ban or restrictions: the user may rejoin (needs ban_users).")
    static final class Unban extends OnMember {
        @Override
        CompletableFuture<ChatInfo> apply(ChatRequests chats, Chat chat, User user) {
            return chats.editRestrictions(chat.getId(), user, Restrictions.getDefaultInstance(), 0);
        }

        @Override
        String done(Chat chat, User user) {
            return "Unbanned @" + user.getUsername() + " in " + ChatView.label(chat);
        }
    }
}
