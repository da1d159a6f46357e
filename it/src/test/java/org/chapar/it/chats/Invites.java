package org.chapar.it.chats;

import static org.chapar.it.chats.Chats.call;

import org.chapar.protocol.CheckInvite;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.DecideJoinRequest;
import org.chapar.protocol.EditInviteLink;
import org.chapar.protocol.GetInviteLinks;
import org.chapar.protocol.GetJoinRequests;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.InvitePreview;
import org.chapar.protocol.JoinRequest;
import org.chapar.protocol.ServerFrame;
import org.chapar.testkit.TestUser;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Invite-link and join-request requests in one line each. */
final class Invites {
    private Invites() {}

    static InviteLink create(TestUser admin, CreateInviteLink.Builder b) {
        return call(admin, ClientFrame.newBuilder().setCreateInviteLink(b)).join().getInviteLink();
    }

    static CompletableFuture<InviteLink> edit(TestUser admin, EditInviteLink.Builder b) {
        return call(admin, ClientFrame.newBuilder().setEditInviteLink(b))
                .thenApply(ServerFrame::getInviteLink);
    }

    static CompletableFuture<InviteLink> revoke(TestUser admin, InviteLink l) {
        return edit(
                admin,
                EditInviteLink.newBuilder()
                        .setChatId(l.getChatId())
                        .setHash(l.getHash())
                        .setRevoke(true));
    }

    static List<InviteLink> list(TestUser admin, long chatId) {
        return call(
                        admin,
                        ClientFrame.newBuilder()
                                .setGetInviteLinks(GetInviteLinks.newBuilder().setChatId(chatId)))
                .join()
                .getInviteLinks()
                .getLinksList();
    }

    static CompletableFuture<InvitePreview> check(TestUser u, String hash) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setCheckInvite(CheckInvite.newBuilder().setHash(hash)))
                .thenApply(ServerFrame::getInvitePreview);
    }

    static List<JoinRequest> requests(TestUser admin, long chatId) {
        return call(
                        admin,
                        ClientFrame.newBuilder()
                                .setGetJoinRequests(GetJoinRequests.newBuilder().setChatId(chatId)))
                .join()
                .getJoinRequests()
                .getRequestsList();
    }

    static CompletableFuture<ServerFrame> decide(
            TestUser admin, long chatId, TestUser who, boolean approve) {
        return call(
                admin,
                ClientFrame.newBuilder()
                        .setDecideJoinRequest(
                                DecideJoinRequest.newBuilder()
                                        .setChatId(chatId)
                                        .setUserId(who.id())
                                        .setApprove(approve)));
    }
}
