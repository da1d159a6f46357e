package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.channelDifference;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.history;
import static org.chapar.it.chats.Chats.join;
import static org.chapar.it.chats.Chats.leave;
import static org.chapar.it.chats.Chats.send;

import org.chapar.client.Peers;
import org.chapar.protocol.ChannelDifference;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Difference;
import org.chapar.protocol.GetChannelDifference;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageAction;
import org.chapar.protocol.Update;
import org.chapar.protocol.UpgradeToSupergroup;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

/** Supergroups and channels have their own box: one event per change, live push, catch-up. */
class ChannelBoxIT {
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withClock(clock));

    private static java.util.function.Predicate<Update> channelPost(long chat, String text) {
        return u ->
                u.getChannelId() == chat
                        && u.hasNewMessage()
                        && u.getNewMessage().getMessage().getText().equals(text);
    }

    /** An event of the chat's, as it would show in a common box. */
    private static java.util.function.Predicate<Update> ofChat(long chat) {
        return u ->
                u.getChannelId() == chat
                        || (u.hasNewMessage()
                                && u.getNewMessage().getMessage().getPeer().getChatId() == chat);
    }

    @Test
    void aChannelPostReachesOnlineSubscribersLiveAndOfflineOnesByChannelDifference() {
        TestUser owner = server.newUser("owner");
        TestUser online = server.newUser("online");
        TestUser away = server.newUser("away");
        long chat =
                create(owner, ChatKind.CHANNEL, "Daily", "daily_" + owner.id()).getChat().getId();
        join(online, chat).join();
        join(away, chat).join();
        away.client().close();

        long pts = send(owner, chat, "first").join().getPts();
        send(owner, chat, "second").join();
        send(owner, chat, "third").join();

        Update live = online.updates().awaitOne(channelPost(chat, "first"));
        assertThat(live.getPts()).isEqualTo(pts);
        assertThat(live.getPtsCount()).isEqualTo(1);
        Message m = live.getNewMessage().getMessage();
        assertThat(m.getFromId()).isZero();
        assertThat(m.getPost()).isTrue();
        assertThat(m.getPeer().getChatId()).isEqualTo(chat);
        online.updates().await(channelPost(chat, "third"), 1, Duration.ofSeconds(10));

        TestUser back = server.newDevice(away);
        Difference diff = back.client().getDifference(0, 100).join();
        assertThat(diff.getChannelsList())
                .anySatisfy(
                        h -> {
                            assertThat(h.getChatId()).isEqualTo(chat);
                            assertThat(h.getPts()).isEqualTo(pts + 2);
                        });
        ChannelDifference page =
                back.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setGetChannelDifference(
                                                GetChannelDifference.newBuilder()
                                                        .setChatId(chat)
                                                        .setPts(0)
                                                        .setLimit(2)))
                        .join()
                        .getChannelDifference();
        assertThat(page.getSlice()).isTrue();
        assertThat(page.getUpdatesList())
                .extracting(u -> u.getNewMessage().getMessage().getText())
                .containsExactly("first", "second");
        ChannelDifference rest =
                channelDifference(back, chat, page.getPts()).join().getChannelDifference();
        assertThat(rest.getSlice()).isFalse();
        assertThat(rest.getUpdatesList())
                .extracting(u -> u.getNewMessage().getMessage().getText())
                .containsExactly("third");
        assertThat(rest.getUpdatesList()).allMatch(u -> u.getChannelId() == chat);
        assertThat(rest.getPts()).isEqualTo(pts + 2);

        // stored once (the box above holds three events), never in the subscribers' common boxes
        assertThat(history(back, chat).join().getMessagesList())
                .extracting(Message::getText)
                .containsExactlyInAnyOrder("first", "second", "third");
        assertThat(diff.getUpdatesList()).noneMatch(ofChat(chat));
        assertThat(online.client().getDifference(0, 100).join().getUpdatesList())
                .noneMatch(ofChat(chat));
    }

    @Test
    void aSupergroupMessageCarriesItsSenderAndLeavingStopsTheFeed() {
        TestUser owner = server.newUser("owner");
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Big talk", "", alice, bob).getChat().getId();

        send(alice, chat, "hello everyone").join();
        Update got = bob.updates().awaitOne(channelPost(chat, "hello everyone"));
        assertThat(got.getNewMessage().getMessage().getFromId()).isEqualTo(alice.id());
        assertThat(got.getNewMessage().getMessage().getPost()).isFalse();

        leave(bob, chat).join();
        send(alice, chat, "after bob left").join();
        owner.updates().awaitOne(channelPost(chat, "after bob left"));
        assertThat(bob.updates().all()).noneMatch(channelPost(chat, "after bob left"));
        for (TestUser u : List.of(owner, alice, bob)) {
            assertThat(u.client().getDifference(0, 100).join().getUpdatesList())
                    .as("%s's common box", u.username())
                    .noneMatch(ofChat(chat));
        }
    }

    @Test
    void aGroupFansOutIntoMembersCommonBoxes() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.GROUP, "Small", "", member).getChat().getId();

        send(owner, chat, "to the group").join();
        Update got =
                member.updates()
                        .awaitOne(
                                u ->
                                        u.hasNewMessage()
                                                && u.getNewMessage()
                                                        .getMessage()
                                                        .getText()
                                                        .equals("to the group"));
        assertThat(got.getChannelId()).isZero();
        assertThat(got.getNewMessage().getMessage().getPeer().getChatId()).isEqualTo(chat);

        Difference diff = member.client().getDifference(0, 100).join();
        assertThat(diff.getUpdatesList())
                .anyMatch(
                        u ->
                                u.hasNewMessage()
                                        && u.getNewMessage()
                                                .getMessage()
                                                .getText()
                                                .equals("to the group")
                                        && u.getNewMessage().getMessage().getPeer().getChatId()
                                                == chat);
        assertThat(member.client().getDialogs("", 20).join().getDialogsList())
                .anyMatch(d -> d.getPeer().getChatId() == chat && d.getUnreadCount() >= 1);

        long mine = send(member, chat, "read me").join().getMessage().getId();
        owner.client()
                .call(
                        ClientFrame.newBuilder()
                                .setReadHistory(
                                        org.chapar.protocol.ReadHistory.newBuilder()
                                                .setPeer(Chats.peer(chat))
                                                .setMaxId(mine)))
                .join();
        Update receipt =
                member.updates()
                        .awaitOne(
                                u ->
                                        u.hasReadOutbox()
                                                && u.getReadOutbox().getPeer().getChatId() == chat);
        assertThat(receipt.getReadOutbox().getMaxId()).isEqualTo(mine);
        assertThat(owner.client().getDialogs("", 20).join().getDialogsList())
                .anyMatch(d -> d.getPeer().getChatId() == chat && d.getUnreadCount() == 0);
    }

    @Test
    void anUpgradedGroupKeepsItsHistoryAndMovesToItsOwnBox() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.GROUP, "Growing", "", member).getChat().getId();
        send(member, chat, "before").join();

        var info =
                owner.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setUpgradeToSupergroup(
                                                UpgradeToSupergroup.newBuilder().setChatId(chat)))
                        .join()
                        .getChatInfo();
        assertThat(info.getChat().getKind()).isEqualTo(ChatKind.SUPERGROUP);
        assertThat(info.getChat().getId()).isEqualTo(chat);

        send(owner, chat, "after").join();
        member.updates().awaitOne(channelPost(chat, "after"));
        List<Message> h = history(member, chat).join().getMessagesList();
        assertThat(h).extracting(Message::getText).contains("before", "after");
        assertThat(h).anyMatch(m -> m.getAction().getType() == MessageAction.Type.UPGRADED);
    }

    @Test
    void publicChatsAreFoundByUsernamePrefixAndPrivateOnesAreNot() {
        TestUser owner = server.newUser("owner");
        String name = "findme_" + owner.id();
        create(owner, ChatKind.CHANNEL, "Findable", name);
        create(owner, ChatKind.CHANNEL, "Hidden", "");
        var found =
                owner.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setSearchChats(
                                                org.chapar.protocol.SearchChats.newBuilder()
                                                        .setQuery("@FINDME_")))
                        .join()
                        .getChats()
                        .getChatsList();
        assertThat(found).extracting(c -> c.getUsername()).contains(name);
        assertThat(found).noneMatch(c -> c.getTitle().equals("Hidden"));
        assertThat(
                        owner.client()
                                .call(
                                        ClientFrame.newBuilder()
                                                .setResolveChat(
                                                        org.chapar.protocol.ResolveChat.newBuilder()
                                                                .setUsername("@" + name)))
                                .join()
                                .getChatInfo()
                                .getChat()
                                .getTitle())
                .isEqualTo("Findable");
    }

    @Test
    void aChannelWithANewPostMovesToTheTopOfTheChatListWithItsUnreadCount() {
        TestUser owner = server.newUser("owner");
        TestUser reader = server.newUser("reader");
        TestUser friend = server.newUser("friend");
        long chat = create(owner, ChatKind.CHANNEL, "Top", "top_" + owner.id()).getChat().getId();
        join(reader, chat).join();
        clock.advance(Duration.ofSeconds(2)); // dates are in seconds
        friend.client().sendMessage(reader.peer(), "hi").join();
        assertThat(reader.client().getDialogs("", 10).join().getDialogs(0).getPeer().getUserId())
                .isEqualTo(friend.id());

        clock.advance(Duration.ofSeconds(2));
        send(owner, chat, "news 1").join();
        long last = send(owner, chat, "news 2").join().getMessage().getId();
        var dialogs = reader.client().getDialogs("", 10).join();
        assertThat(dialogs.getDialogs(0).getPeer().getChatId()).isEqualTo(chat);
        assertThat(dialogs.getDialogs(0).getUnreadCount()).isEqualTo(2);
        assertThat(dialogs.getDialogs(0).getTopMessageId()).isEqualTo(last);
        assertThat(dialogs.getMessagesList()).anyMatch(m -> m.getText().equals("news 2"));
        // the cursor of a page holds the channel's live date: the next page goes on to the private
        // chat
        String offset = reader.client().getDialogs("", 1).join().getNextOffset();
        assertThat(offset).isNotEmpty();
        var second = reader.client().getDialogs(offset, 1).join();
        assertThat(second.getDialogs(0).getPeer().getUserId()).isEqualTo(friend.id());
    }

    @Test
    void aFullGroupTakesNoMoreMembersUntilItIsUpgraded() {
        TestUser owner = server.newUser("owner");
        org.chapar.protocol.CreateChat.Builder b =
                org.chapar.protocol.CreateChat.newBuilder()
                        .setKind(ChatKind.GROUP)
                        .setTitle("Full house");
        for (int i = 0; i < 199; i++) {
            TestUser u = server.newUser("member");
            b.addMembers(Peers.input(u.user()));
            u.client().close();
        }
        var info =
                owner.client().call(ClientFrame.newBuilder().setCreateChat(b)).join().getChatInfo();
        assertThat(info.getChat().getMembersCount()).isEqualTo(200);
        long chat = info.getChat().getId();
        TestUser late = server.newUser("late");
        org.chapar.testkit.ChaparAssertions.assertFails(
                Chats.add(owner, chat, late), org.chapar.protocol.ErrorCode.CHAT_MEMBER_LIMIT);

        owner.client()
                .call(
                        ClientFrame.newBuilder()
                                .setUpgradeToSupergroup(
                                        UpgradeToSupergroup.newBuilder().setChatId(chat)))
                .join();
        assertThat(Chats.add(owner, chat, late).join().getChat().getMembersCount()).isEqualTo(201);
    }
}
