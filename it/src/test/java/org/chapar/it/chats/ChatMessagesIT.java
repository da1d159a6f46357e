package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.history;
import static org.chapar.it.chats.Chats.join;
import static org.chapar.it.chats.Chats.send;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.ChaparException;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ForwardMessage;
import org.chapar.protocol.GetAdminLog;
import org.chapar.protocol.GetChat;
import org.chapar.protocol.GetMessageViews;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageAction;
import org.chapar.protocol.MessageViewCount;
import org.chapar.protocol.ReadHistory;
import org.chapar.protocol.TypingAction;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

/** Slow mode, the admin log, views, forwards, mentions, pins and service messages. */
class ChatMessagesIT {
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withClock(clock));

    @Test
    void slowModeTellsTheWaitAndSparesAdmins() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.SUPERGROUP, "Calm", "", member).getChat().getId();
        assertFails(
                Chats.editChat(owner, EditChat.newBuilder().setChatId(chat).setSlowModeSeconds(20)),
                ErrorCode.BAD_REQUEST);
        assertFails(
                Chats.editChat(
                        member, EditChat.newBuilder().setChatId(chat).setSlowModeSeconds(30)),
                ErrorCode.CHAT_ADMIN_REQUIRED);
        Chats.editChat(owner, EditChat.newBuilder().setChatId(chat).setSlowModeSeconds(30)).join();

        send(member, chat, "one").join();
        clock.advance(Duration.ofSeconds(10));
        ChaparException e = assertFails(send(member, chat, "two"), ErrorCode.SLOW_MODE_WAIT);
        assertThat(e.retryAfterMs()).isBetween(19_000L, 20_000L);
        send(owner, chat, "admins are exempt").join();
        send(owner, chat, "really").join();
        clock.advance(Duration.ofSeconds(20));
        send(member, chat, "two").join();
    }

    @Test
    void theAdminLogIsForAdminsAndForgetsAfter48Hours() {
        TestUser owner = server.newUser("owner");
        TestUser mod = server.newUser("mod");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.SUPERGROUP, "Logged", "", mod, member).getChat().getId();
        Chats.promote(owner, chat, mod, AdminRights.newBuilder().setChangeInfo(true).build())
                .join();
        Chats.editChat(mod, EditChat.newBuilder().setChatId(chat).setTitle("Renamed")).join();

        var log =
                call(
                                mod,
                                ClientFrame.newBuilder()
                                        .setGetAdminLog(GetAdminLog.newBuilder().setChatId(chat)))
                        .join()
                        .getAdminLog();
        assertThat(log.getEntriesList())
                .anyMatch(
                        x ->
                                x.getAction().equals("edit_title")
                                        && x.getUserId() == mod.id()
                                        && x.getDetails().equals("Renamed"));
        assertThat(log.getEntriesList())
                .anyMatch(x -> x.getAction().equals("promote") && x.getTargetUserId() == mod.id());
        assertFails(
                call(
                        member,
                        ClientFrame.newBuilder()
                                .setGetAdminLog(GetAdminLog.newBuilder().setChatId(chat))),
                ErrorCode.CHAT_ADMIN_REQUIRED);

        // hidden from reads at once; the scheduled purge deletes them (AdminLogRetentionIT)
        clock.advance(Duration.ofHours(49));
        assertThat(
                        call(
                                        owner,
                                        ClientFrame.newBuilder()
                                                .setGetAdminLog(
                                                        GetAdminLog.newBuilder().setChatId(chat)))
                                .join()
                                .getAdminLog()
                                .getEntriesList())
                .isEmpty();
    }

    @Test
    void viewsCountOncePerAccountAndForwardsNameTheChannel() {
        TestUser owner = server.newUser("owner");
        TestUser reader = server.newUser("reader");
        TestUser other = server.newUser("other");
        long channel =
                create(owner, ChatKind.CHANNEL, "Views", "views_" + owner.id()).getChat().getId();
        join(reader, channel).join();
        join(other, channel).join();
        long post = send(owner, channel, "count me").join().getMessage().getId();

        views(reader, channel, post, true);
        views(reader, channel, post, true);
        MessageViewCount v = views(other, channel, post, true);
        assertThat(v.getViews()).isEqualTo(2);

        long group = create(reader, ChatKind.GROUP, "Readers", "", other).getChat().getId();
        Message fwd =
                call(
                                reader,
                                ClientFrame.newBuilder()
                                        .setForwardMessage(
                                                ForwardMessage.newBuilder()
                                                        .setFromPeer(Chats.peer(channel))
                                                        .setId(post)
                                                        .setToPeer(Chats.peer(group))
                                                        .setRandomId(42)))
                        .join()
                        .getSentMessage()
                        .getMessage();
        assertThat(fwd.getFwdFrom().getFromChatId()).isEqualTo(channel);
        assertThat(fwd.getFwdFrom().getMessageId()).isEqualTo(post);
        assertThat(fwd.getFwdFrom().getFromUserId()).isZero();
        assertThat(fwd.getFromId()).isEqualTo(reader.id());
        assertThat(views(other, channel, post, false).getForwards()).isEqualTo(1);

        long said = send(other, group, "my words").join().getMessage().getId();
        var frame =
                call(
                                reader,
                                ClientFrame.newBuilder()
                                        .setForwardMessage(
                                                ForwardMessage.newBuilder()
                                                        .setFromPeer(Chats.peer(group))
                                                        .setId(said)
                                                        .setToPeer(Chats.peer(group))
                                                        .setRandomId(43)))
                        .join();
        Message again = frame.getSentMessage().getMessage();
        assertThat(again.getFwdFrom().getFromUserId()).isEqualTo(other.id());

        // into a private chat: the receiver sees the channel as the origin
        call(
                        reader,
                        ClientFrame.newBuilder()
                                .setForwardMessage(
                                        ForwardMessage.newBuilder()
                                                .setFromPeer(Chats.peer(channel))
                                                .setId(post)
                                                .setToPeer(other.peer())
                                                .setRandomId(44)))
                .join();
        var got =
                other.updates()
                        .awaitOne(
                                u ->
                                        u.hasNewMessage()
                                                && u.getNewMessage()
                                                                .getMessage()
                                                                .getPeer()
                                                                .getUserId()
                                                        == reader.id());
        assertThat(got.getNewMessage().getMessage().getFwdFrom().getFromChatId())
                .isEqualTo(channel);
        call(
                        reader,
                        ClientFrame.newBuilder()
                                .setForwardMessage(
                                        ForwardMessage.newBuilder()
                                                .setFromPeer(Chats.peer(channel))
                                                .setId(post)
                                                .setToPeer(other.peer())
                                                .setRandomId(44)))
                .join();
        assertThat(views(other, channel, post, false).getForwards())
                .as("a retry counts nothing")
                .isEqualTo(2);
    }

    private static MessageViewCount views(TestUser u, long chat, long id, boolean increment) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setGetMessageViews(
                                        GetMessageViews.newBuilder()
                                                .setChatId(chat)
                                                .addIds(id)
                                                .setIncrement(increment)))
                .join()
                .getMessageViews()
                .getViews(0);
    }

    @Test
    void mentionsRaiseTheMentionedMembersCounterUntilRead() {
        TestUser owner = server.newUser("owner");
        TestUser named = server.newUser("named");
        TestUser bystander = server.newUser("bystander");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Talk", "", named, bystander).getChat().getId();

        long id =
                send(owner, chat, "hey @" + named.username() + ", look")
                        .join()
                        .getMessage()
                        .getId();
        assertThat(mentions(named, chat)).isEqualTo(1);
        assertThat(mentions(bystander, chat)).isZero();
        assertThat(history(named, chat).join().getMessagesList())
                .filteredOn(m -> m.getId() == id)
                .allMatch(Message::getMentioned);
        assertThat(named.client().getDialogs("", 50).join().getDialogsList())
                .anyMatch(d -> d.getPeer().getChatId() == chat && d.getUnreadMentionsCount() == 1);

        call(
                        named,
                        ClientFrame.newBuilder()
                                .setReadHistory(
                                        ReadHistory.newBuilder()
                                                .setPeer(Chats.peer(chat))
                                                .setMaxId(id)))
                .join();
        assertThat(mentions(named, chat)).isZero();
    }

    private static int mentions(TestUser u, long chat) {
        return call(u, ClientFrame.newBuilder().setGetChat(GetChat.newBuilder().setChatId(chat)))
                .join()
                .getChatInfo()
                .getUnreadMentionsCount();
    }

    @Test
    void serviceMessagesTellWhoJoinedLeftWasAddedOrRemovedAndWhatChanged() {
        TestUser owner = server.newUser("owner");
        TestUser a = server.newUser("added");
        TestUser j = server.newUser("joiner");
        TestUser k = server.newUser("kicked");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Lively", "lively_" + owner.id(), a)
                        .getChat()
                        .getId();
        join(j, chat).join();
        Chats.add(owner, chat, k).join();
        Chats.leave(j, chat).join();
        Chats.restrict(owner, chat, k, Chats.banned(), 0).join();
        Chats.editChat(owner, EditChat.newBuilder().setChatId(chat).setTitle("Quieter")).join();
        long pinned = send(owner, chat, "rules").join().getMessage().getId();
        Chats.pin(owner, chat, pinned).join();

        List<Message> h = history(a, chat).join().getMessagesList().reversed();
        assertThat(h)
                .extracting(m -> m.getAction().getType())
                .containsSubsequence(
                        MessageAction.Type.CHAT_CREATED,
                        MessageAction.Type.MEMBERS_ADDED,
                        MessageAction.Type.MEMBER_JOINED,
                        MessageAction.Type.MEMBERS_ADDED,
                        MessageAction.Type.MEMBER_LEFT,
                        MessageAction.Type.MEMBER_REMOVED,
                        MessageAction.Type.TITLE_CHANGED,
                        MessageAction.Type.NONE,
                        MessageAction.Type.MESSAGE_PINNED);
        assertThat(h)
                .filteredOn(m -> m.getAction().getType() == MessageAction.Type.MEMBER_REMOVED)
                .allMatch(m -> m.getAction().getUserIds(0) == k.id());
        assertThat(h).filteredOn(m -> m.getId() == pinned).allMatch(Message::getPinned);
        assertThat(
                        call(
                                        a,
                                        ClientFrame.newBuilder()
                                                .setGetChat(GetChat.newBuilder().setChatId(chat)))
                                .join()
                                .getChatInfo()
                                .getChat()
                                .getPinnedMessageId())
                .isEqualTo(pinned);
    }

    @Test
    void typingReachesTheOtherMembersButNeverNamesAnAnonymousAdmin() throws InterruptedException {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        TestUser hidden = server.newUser("hidden");
        long group = create(owner, ChatKind.GROUP, "Typing", "", member, hidden).getChat().getId();
        Chats.promote(owner, group, hidden, AdminRights.newBuilder().setAnonymous(true).build())
                .join();
        long big = create(owner, ChatKind.SUPERGROUP, "Typing more", "", member).getChat().getId();

        hidden.client().setTyping(Chats.peer(group), TypingAction.TYPING).join();
        owner.client().setTyping(Chats.peer(group), TypingAction.TYPING).join();
        var typing =
                member.updates()
                        .awaitOne(
                                u ->
                                        u.hasUserTyping()
                                                && u.getUserTyping().getPeer().getChatId()
                                                        == group);
        assertThat(typing.getUserTyping().getUserId()).isEqualTo(owner.id());
        owner.client().setTyping(Chats.peer(big), TypingAction.TYPING).join();
        var inBig =
                member.updates()
                        .awaitOne(
                                u ->
                                        u.hasUserTyping()
                                                && u.getUserTyping().getPeer().getChatId() == big);
        assertThat(inBig.getChannelId()).isEqualTo(big);
        assertThat(member.updates().all())
                .noneMatch(u -> u.hasUserTyping() && u.getUserTyping().getUserId() == hidden.id());
        assertFails(
                server.newUser("outsider")
                        .client()
                        .setTyping(Chats.peer(group), TypingAction.TYPING),
                ErrorCode.CHANNEL_PRIVATE);
    }
}
