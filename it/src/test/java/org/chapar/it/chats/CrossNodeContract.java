package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import org.chapar.protocol.Authenticate;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetMe;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Restrictions;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.Session;
import org.chapar.protocol.TypingAction;
import org.chapar.protocol.Update;
import org.chapar.server.ChaparServer;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Two nodes on one store (docs/adr/0010-bus-facts.md): what a rule decides on node A reaches the
 * sockets node B holds only as facts on the bus. Node A is the extension's server; B is started per
 * test before any user connects, so that it sees their presence. Run on the in-process bus ({@link
 * CrossNodeIT}) and on NATS ({@link CrossNodeNatsIT}).
 */
abstract class CrossNodeContract {
    private final ChaparServerExtension server;

    CrossNodeContract(ChaparServerExtension server) {
        this.server = server;
    }

    /** A raw socket on the node, logged in with the device's session. */
    private RawConnection socketOn(ChaparServer node, TestUser device) {
        RawConnection raw = server.track(RawConnection.open(ChaparServerExtension.uri(node)));
        assertThat(
                        raw.call(
                                        ClientFrame.newBuilder()
                                                .setAuthenticate(
                                                        Authenticate.newBuilder()
                                                                .setToken(device.token())))
                                .hasAuthorization())
                .isTrue();
        return raw;
    }

    /** The updates pushed to the socket up to and including the first that matches. */
    private static List<Update> pushesUntil(RawConnection raw, Predicate<Update> sentinel) {
        List<Update> seen = new ArrayList<>();
        while (true) {
            for (Update u : raw.nextPush().getUpdates().getUpdatesList()) {
                seen.add(u);
                if (sentinel.test(u)) {
                    return seen;
                }
            }
        }
    }

    @Test
    void aJoinOnAMakesBDeliverTheChannelsPostsToTheMembersSocket() {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long chat = Chats.create(alice, ChatKind.CHANNEL, "news", "").getChat().getId();
        RawConnection bobOnB = socketOn(b, bob);

        Chats.add(alice, chat, bob).join(); // handled by node A
        Chats.send(alice, chat, "after the join").join();

        List<Update> got = pushesUntil(bobOnB, newMessage("after the join"));
        assertThat(got.get(got.size() - 1).getChannelId()).isEqualTo(chat);
    }

    @Test
    void aMemberWhoComesOnlineOnBFollowsTheChatsTheyAlreadyJoined() {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long chat = Chats.create(alice, ChatKind.SUPERGROUP, "talk", "").getChat().getId();
        Chats.add(alice, chat, bob).join();

        TestUser bobOnB = server.newDevice(bob, b);
        RawConnection socket = socketOn(b, bobOnB);
        Chats.send(alice, chat, "to a member on B").join();

        assertThat(pushesUntil(socket, newMessage("to a member on B"))).isNotEmpty();
    }

    @Test
    void aBanOnAStopsDeliveryOnB() {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long chat = Chats.create(alice, ChatKind.CHANNEL, "news", "").getChat().getId();
        Chats.add(alice, chat, bob).join();
        RawConnection bobOnB = socketOn(b, bob);
        Chats.send(alice, chat, "while a member").join();
        pushesUntil(bobOnB, newMessage("while a member"));

        Chats.restrict(alice, chat, bob, Chats.banned(), 0).join();
        pushesUntil(
                bobOnB,
                u -> u.hasChatUpdated() && u.getChatUpdated().getStatus() == MemberStatus.BANNED);
        Chats.send(alice, chat, "after the ban").join();
        alice.client().sendMessage(bob.peer(), "sentinel").join();

        List<Update> got = pushesUntil(bobOnB, newMessage("sentinel"));
        assertThat(got).noneMatch(newMessage("after the ban"));
    }

    @Test
    void aSessionRevokedOnAIsClosedOnBAndOtherSessionsStayOpen() {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice");
        TestUser phone = server.newDevice(alice);
        RawConnection phoneOnB = socketOn(b, phone);
        RawConnection laptopOnB = socketOn(b, alice);
        long phoneSession =
                alice.client().getSessions().join().stream()
                        .filter(s -> !s.getCurrent())
                        .findFirst()
                        .map(Session::getId)
                        .orElseThrow();

        alice.client().revokeSession(phoneSession).join(); // handled by node A

        assertThat(pushesUntil(phoneOnB, Update::hasSessionRevoked)).isNotEmpty();
        assertThat(phoneOnB.awaitClose(Duration.ofSeconds(10))).isEqualTo(1000);
        assertThat(laptopOnB.call(ClientFrame.newBuilder().setGetMe(GetMe.getDefaultInstance())))
                .matches(f -> f.hasUser() && f.getUser().getId() == alice.id());
        assertThat(laptopOnB.isClosed()).isFalse();
    }

    @Test
    void aLogoutOnAClosesTheSameSessionsSocketOnB() {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice");
        RawConnection sameSessionOnB = socketOn(b, alice);

        alice.client().logout().join();

        assertThat(pushesUntil(sameSessionOnB, Update::hasSessionRevoked)).isNotEmpty();
        assertThat(sameSessionOnB.awaitClose(Duration.ofSeconds(10))).isEqualTo(1000);
    }

    @Test
    void presenceAndTypingCrossBetweenNodes() {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        alice.client().sendMessage(bob.peer(), "hi").join();
        bob.client().sendMessage(alice.peer(), "hello").join(); // now alice may see bob's status
        bob.client().close();
        Predicate<Update> bobOffline =
                u ->
                        u.hasUserStatus()
                                && u.getUserStatus().getUserId() == bob.id()
                                && !u.getUserStatus().getOnline();
        alice.updates().awaitOne(bobOffline);
        Predicate<Update> bobOnline =
                u ->
                        u.hasUserStatus()
                                && u.getUserStatus().getUserId() == bob.id()
                                && u.getUserStatus().getOnline();
        int onlineBefore = (int) alice.updates().all().stream().filter(bobOnline).count();

        TestUser bobOnB = server.newDevice(bob, b); // bob's only connection is now on B
        alice.updates().await(bobOnline, onlineBefore + 1, Duration.ofSeconds(10));
        assertThat(alice.client().resolveUsername(bob.username()).join().getStatus().getOnline())
                .as("node A answers from the presence facts of node B")
                .isTrue();

        bobOnB.client().setTyping(alice.peer(), TypingAction.TYPING).join();
        assertThat(alice.updates().awaitOne(Update::hasUserTyping).getUserTyping().getUserId())
                .isEqualTo(bob.id());
        alice.client().setTyping(bob.peer(), TypingAction.TYPING).join();
        assertThat(bobOnB.updates().awaitOne(Update::hasUserTyping).getUserTyping().getUserId())
                .isEqualTo(alice.id());

        bobOnB.client().close();
        alice.updates().await(bobOffline, 2, Duration.ofSeconds(10));
    }

    @Test
    void aBasicGroupsPostsAndReadReceiptsCrossBetweenNodes() {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long group = Chats.create(alice, ChatKind.GROUP, "family", "", bob).getChat().getId();
        TestUser bobOnB = server.newDevice(bob, b);

        SentMessage post = Chats.send(alice, group, "dinner at 8").join(); // handled by node A
        bobOnB.updates().awaitOne(newMessage("dinner at 8"));
        bobOnB.client().readHistory(Chats.peer(group), post.getMessage().getId()).join(); // B

        Update read =
                alice.updates()
                        .awaitOne(
                                u ->
                                        u.hasReadOutbox()
                                                && u.getReadOutbox().getPeer().getChatId()
                                                        == group);
        assertThat(read.getReadOutbox().getMaxId()).isEqualTo(post.getMessage().getId());

        SentMessage hi = alice.client().sendMessage(bob.peer(), "hi bob").join();
        bobOnB.updates().awaitOne(newMessage("hi bob"));
        bobOnB.client().readHistory(alice.peer(), hi.getMessage().getId()).join();
        Update privateRead =
                alice.updates()
                        .awaitOne(
                                u ->
                                        u.hasReadOutbox()
                                                && u.getReadOutbox().getPeer().getUserId()
                                                        == bob.id());
        assertThat(privateRead.getReadOutbox().getMaxId()).isEqualTo(hi.getMessage().getId());
    }

    @Test
    void aRestrictionOnARefusesTheMembersSendsOnBUntilItIsLifted() {
        ChaparServer b = server.startPeer();
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long chat = Chats.create(alice, ChatKind.SUPERGROUP, "talk", "").getChat().getId();
        Chats.add(alice, chat, bob).join();
        TestUser bobOnB = server.newDevice(bob, b);
        assertThat(Chats.send(bobOnB, chat, "allowed before").join().getMessage().getId())
                .isPositive();

        Chats.restrict(alice, chat, bob, Chats.noSending(), 0).join(); // handled by node A
        assertFails(Chats.send(bobOnB, chat, "refused"), ErrorCode.CHAT_WRITE_FORBIDDEN);

        Chats.restrict(alice, chat, bob, Restrictions.getDefaultInstance(), 0).join();
        assertThat(Chats.send(bobOnB, chat, "allowed again").join().getMessage().getId())
                .isPositive();
        assertThat(texts(Chats.history(alice, chat).join()))
                .contains("allowed before", "allowed again")
                .doesNotContain("refused");
    }

    private static List<String> texts(MessageList list) {
        return list.getMessagesList().stream().map(Message::getText).toList();
    }
}
