package org.chapar.cli;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChatRequests;
import org.chapar.protocol.Chat;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.JoinRequest;
import org.chapar.protocol.JoinRequestList;
import org.chapar.protocol.User;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/** invite create|list|revoke and requests list|approve|decline (admins with invite_users). */
final class InviteCommands {

    private InviteCommands() {}

    @Command(
            name = "invite",
            description = "Invite links of a chat.",
            subcommands = {Create.class, ListLinks.class, Revoke.class})
    static final class Invite implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(
                    spec.commandLine(), "missing subcommand: create, list or revoke");
        }
    }

    @Command(
            name = "create",
            description = "Create an invite link; others join with: chapar join LINK.")
    static final class Create extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.CHAT_HELP)
        String chat;

        @Option(
                names = "--expire",
                paramLabel = "TIME",
                description =
                        "When it stops working: "
                                + AdminCommands.TIME_FORMATS
                                + "; default: never.")
        String expire;

        @Option(
                names = "--limit",
                paramLabel = "N",
                description = "How many may join with it (1-99999; default: no limit).")
        int limit;

        @Option(
                names = "--approval",
                description = "Joining files a request an admin approves (chapar requests).")
        boolean approval;

        @Option(
                names = "--title",
                paramLabel = "TEXT",
                description = "A name for the link, shown to admins.")
        String title;

        @Override
        public Integer call() {
            long expireDate = expire == null ? 0 : ChatOptions.time(expire);
            try (ChaparClient c = connectLoggedIn(false)) {
                Chat target = ChatTargets.chat(c, chat);
                CreateInviteLink.Builder b =
                        CreateInviteLink.newBuilder()
                                .setChatId(target.getId())
                                .setExpireDate(expireDate)
                                .setUsageLimit(limit)
                                .setRequiresApproval(approval);
                if (title != null) {
                    b.setTitle(title);
                }
                InviteLink link = await(new ChatRequests(c).createInviteLink(b.build()));
                print(ChatView.invite(link), ChatView.inviteText(link));
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List a chat's invite links.")
    static final class ListLinks extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.CHAT_HELP)
        String chat;

        @Option(names = "--revoked", description = "List the revoked links instead.")
        boolean revoked;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                Chat target = ChatTargets.chat(c, chat);
                List<InviteLink> links =
                        await(new ChatRequests(c).getInviteLinks(target.getId(), revoked));
                if (links.isEmpty() && !json()) {
                    terminal().show("No " + (revoked ? "revoked " : "") + "invite links.");
                }
                links.forEach(l -> print(ChatView.invite(l), ChatView.inviteText(l)));
            }
            return 0;
        }
    }

    @Command(
            name = "revoke",
            description = "Revoke an invite link: nobody can join with it any more.")
    static final class Revoke extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.CHAT_HELP)
        String chat;

        @Parameters(index = "1", paramLabel = "LINK", description = "chapar:join/HASH or HASH")
        String link;

        @Override
        public Integer call() {
            String hash = link.substring(link.lastIndexOf('/') + 1);
            try (ChaparClient c = connectLoggedIn(false)) {
                Chat target = ChatTargets.chat(c, chat);
                InviteLink l = await(new ChatRequests(c).revokeInviteLink(target.getId(), hash));
                print(ChatView.invite(l), "Revoked " + ChatView.link(l.getHash()));
            }
            return 0;
        }
    }

    @Command(
            name = "requests",
            description = "Join requests filed through links that need approval.",
            subcommands = {ListRequests.class, Approve.class, Decline.class})
    static final class Requests implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(
                    spec.commandLine(), "missing subcommand: list, approve or decline");
        }
    }

    @Command(name = "list", description = "List a chat's pending join requests.")
    static final class ListRequests extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.CHAT_HELP)
        String chat;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                Chat target = ChatTargets.chat(c, chat);
                JoinRequestList list = await(new ChatRequests(c).getJoinRequests(target.getId()));
                Names names = new Names();
                names.add(list.getUsersList());
                if (list.getRequestsCount() == 0 && !json()) {
                    terminal().show("No pending join requests.");
                }
                for (JoinRequest r : list.getRequestsList()) {
                    print(ChatView.request(r, names), ChatView.requestText(r, names));
                }
            }
            return 0;
        }
    }

    /** approve and decline. */
    abstract static class Decide extends AdminCommands.OnMember {
        abstract boolean approve();

        @Override
        java.util.concurrent.CompletableFuture<ChatInfo> apply(
                ChatRequests chats, Chat chat, User user) {
            return chats.decideJoinRequest(chat.getId(), user.getId(), approve());
        }

        @Override
        String done(Chat chat, User user) {
            return (approve() ? "Approved @" : "Declined @")
                    + user.getUsername()
                    + " for "
                    + ChatView.label(chat);
        }
    }

    @Command(name = "approve", description = "Let the user in.")
    static final class Approve extends Decide {
        @Override
        boolean approve() {
            return true;
        }
    }

    @Command(name = "decline", description = "Turn the request down.")
    static final class Decline extends Decide {
        @Override
        boolean approve() {
            return false;
        }
    }
}
