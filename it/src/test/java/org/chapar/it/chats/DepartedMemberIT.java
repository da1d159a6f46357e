package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.banned;
import static org.chapar.it.chats.Chats.byIds;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.channelDifference;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.edit;
import static org.chapar.it.chats.Chats.forward;
import static org.chapar.it.chats.Chats.history;
import static org.chapar.it.chats.Chats.info;
import static org.chapar.it.chats.Chats.join;
import static org.chapar.it.chats.Chats.joinByLink;
import static org.chapar.it.chats.Chats.leave;
import static org.chapar.it.chats.Chats.pin;
import static org.chapar.it.chats.Chats.restrict;
import static org.chapar.it.chats.Chats.send;
import static org.chapar.it.chats.Chats.views;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.Chat;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.CheckInvite;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.Dialog;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InvitePreview;
import org.chapar.protocol.Message;
import org.chapar.protocol.Restrictions;
import org.chapar.protocol.Update;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

/**
 * A user who left, was removed or was banned sees nothing of the chat newer than the moment their
 * membership ended, through any request: the dialog stays, frozen there, and old messages show as
 * they were then. Members who stayed are the control: they see everything.
 */
class DepartedMemberIT {
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withClock(clock));

    /** How a membership ends: leaving, a ban, or a removal (a ban lifted at once: LEFT). */
    enum Departure {
        LEAVE(ErrorCode.CHANNEL_PRIVATE),
        BAN(ErrorCode.USER_BANNED_IN_CHANNEL),
        KICK(ErrorCode.CHANNEL_PRIVATE);

        final ErrorCode refusal;

        Departure(ErrorCode refusal) {
            this.refusal = refusal;
        }

        void apply(TestUser owner, long chat, TestUser who) {
            switch (this) {
                case LEAVE -> leave(who, chat).join();
                case BAN -> restrict(owner, chat, who, banned(), 0).join();
                case KICK -> {
                    restrict(owner, chat, who, banned(), 0).join();
                    restrict(owner, chat, who, Restrictions.getDefaultInstance(), 0).join();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "GROUP, LEAVE", "GROUP, BAN", "GROUP, KICK",
        "SUPERGROUP, LEAVE", "SUPERGROUP, BAN", "SUPERGROUP, KICK",
        "CHANNEL, LEAVE", "CHANNEL, BAN", "CHANNEL, KICK"
    })
    void nothingPostedAfterTheMembershipEndedReachesTheUser(ChatKind kind, Departure how) {
        TestUser owner = server.newUser("owner");
        TestUser gone = server.newUser("gone");
        TestUser stayer = server.newUser("stayer");
        long chat = create(owner, kind, "Private " + kind, "", gone, stayer).getChat().getId();
        long before = send(owner, chat, "before " + how).join().getMessage().getId();
        assertThat(top(gone, chat).getTopMessageId()).isEqualTo(before); // a member follows it
        how.apply(owner, chat, gone);
        Dialog left = top(gone, chat);
        long frozen = left.getTopMessageId();
        assertThat(frozen).isGreaterThanOrEqualTo(before); // the "left" notice, if any

        clock.advance(Duration.ofSeconds(5));
        long after = send(owner, chat, "after " + how).join().getMessage().getId();

        // the dialog stays where the membership ended, for its top, its message and its count
        DialogList dialogs = gone.client().getDialogs("", 100).join();
        Dialog d = dialog(dialogs, chat);
        assertThat(d.getTopMessageId()).isEqualTo(frozen).isLessThan(after);
        assertThat(dialogs.getMessagesList()).noneMatch(m -> m.getId() == after);
        assertThat(dialogs.getMessagesList()).anyMatch(m -> m.getId() == frozen);
        assertThat(d.getUnreadCount()).isEqualTo(left.getUnreadCount());
        assertThat(top(stayer, chat).getTopMessageId()).isEqualTo(after); // the control

        // and no request reads past it
        assertFails(history(gone, chat), how.refusal);
        assertFails(byIds(gone, chat, after), how.refusal);
        assertFails(channelDifference(gone, chat, 0), how.refusal);
        assertFails(info(gone, chat), how.refusal);
        assertFails(views(gone, chat, after), how.refusal);
        assertFails(forward(gone, chat, after, owner.peer()), how.refusal);
        assertThat(gone.client().getDifference(0, 0).join().getUpdatesList())
                .noneMatch(u -> u.getNewMessage().getMessage().getId() == after);
        assertThat(gone.client().getDifference(0, 0).join().getChannelsList())
                .noneMatch(c -> c.getChatId() == chat);

        // the allowed case: the member who stayed reads it all
        assertThat(byIds(stayer, chat, after).join().getMessages(0).getText())
                .isEqualTo("after " + how);
        assertThat(info(stayer, chat).join().getChat().getMembersCount()).isEqualTo(2);
    }

    @Test
    void aPublicChannelStaysReadableToOneWhoLeftButTheirDialogStaysFrozen() {
        TestUser owner = server.newUser("owner");
        TestUser reader = server.newUser("reader");
        TestUser troll = server.newUser("troll");
        long chat =
                create(owner, ChatKind.CHANNEL, "Open news", "open_news_" + owner.id())
                        .getChat()
                        .getId();
        join(reader, chat).join();
        join(troll, chat).join();
        long before = send(owner, chat, "first post").join().getMessage().getId();
        leave(reader, chat).join();
        restrict(owner, chat, troll, banned(), 0).join();
        long after = send(owner, chat, "second post").join().getMessage().getId();

        // as an outsider, the one who left may read the public channel like anyone
        assertThat(history(reader, chat).join().getMessagesList())
                .extracting(Message::getText)
                .contains("second post");
        // but the dialog row is not how: it is where they left
        assertThat(top(reader, chat).getTopMessageId()).isEqualTo(before);
        // the banned user reads nothing, public or not
        assertFails(history(troll, chat), ErrorCode.USER_BANNED_IN_CHANNEL);
        assertFails(byIds(troll, chat, after), ErrorCode.USER_BANNED_IN_CHANNEL);
        assertThat(top(troll, chat).getTopMessageId()).isEqualTo(before);
    }

    // A banned user gets no preview at all (USER_BANNED_IN_CHANNEL, InviteManagersIT).
    @ParameterizedTest(name = "{0}")
    @CsvSource({"LEAVE", "KICK"})
    void anOldInviteLinkPreviewsTheChatWithoutItsActivity(Departure how) {
        TestUser owner = server.newUser("owner");
        TestUser gone = server.newUser("gone");
        TestUser stayer = server.newUser("stayer");
        long chat = create(owner, ChatKind.SUPERGROUP, "Private", "").getChat().getId();
        String hash =
                Invites.create(owner, CreateInviteLink.newBuilder().setChatId(chat)).getHash();
        joinByLink(gone, hash).join();
        joinByLink(stayer, hash).join();
        how.apply(owner, chat, gone);
        long later = send(owner, chat, "pinned later").join().getMessage().getId();
        pin(owner, chat, later).join();

        Chat seen = check(gone, hash).getChat();
        assertThat(seen.getTitle()).isEqualTo("Private");
        assertThat(seen.getPinnedMessageId()).isZero();
        assertThat(seen.getPts()).isZero();
        assertThat(check(stayer, hash).getChat().getPinnedMessageId()).isEqualTo(later);
    }

    private static InvitePreview check(TestUser u, String hash) {
        return call(
                        u,
                        ClientFrame.newBuilder()
                                .setCheckInvite(CheckInvite.newBuilder().setHash(hash)))
                .join()
                .getInvitePreview();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LEAVE", "BAN", "KICK"})
    void aGroupLeftBehindShowsItsMessagesAsTheyWereWhenTheUserLeft(Departure how) {
        TestUser owner = server.newUser("owner");
        TestUser gone = server.newUser("gone");
        TestUser stayer = server.newUser("stayer");
        long chat = create(owner, ChatKind.GROUP, "Club", "", gone, stayer).getChat().getId();
        long one = send(owner, chat, "one").join().getMessage().getId();
        long two = send(owner, chat, "two").join().getMessage().getId();
        edit(owner, chat, two, "two, fixed").join(); // while they were in: theirs to see
        clock.advance(Duration.ofSeconds(1));
        how.apply(owner, chat, gone);

        clock.advance(Duration.ofSeconds(1));
        edit(owner, chat, one, "one, rewritten later").join();
        pin(owner, chat, two).join();

        List<Update> theirs = gone.client().getDifference(0, 0).join().getUpdatesList();
        assertThat(texts(theirs)).contains("two, fixed").doesNotContain("one, rewritten later");
        assertThat(messages(theirs)).noneMatch(Message::getPinned);
        assertThat(messages(theirs)).noneMatch(m -> m.getId() == one); // withheld: text changed
        assertThat(theirs).noneMatch(Update::hasPinnedMessage);
        DialogList dialogs = gone.client().getDialogs("", 100).join();
        assertThat(dialogs.getMessagesList()).noneMatch(Message::getPinned);

        // the control: a member sees the edit and the pin
        List<Update> control = stayer.client().getDifference(0, 0).join().getUpdatesList();
        assertThat(texts(control)).contains("one, rewritten later", "two, fixed");
        assertThat(control).anyMatch(Update::hasPinnedMessage);
        assertThat(messages(control)).anyMatch(m -> m.getId() == two && m.getPinned());
    }

    private static Dialog top(TestUser u, long chat) {
        return dialog(u.client().getDialogs("", 100).join(), chat);
    }

    private static Dialog dialog(DialogList list, long chat) {
        return list.getDialogsList().stream()
                .filter(d -> d.getPeer().getChatId() == chat)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dialog for chat " + chat));
    }

    private static List<Message> messages(List<Update> updates) {
        return updates.stream()
                .filter(u -> u.hasNewMessage() || u.hasEditedMessage())
                .map(
                        u ->
                                u.hasNewMessage()
                                        ? u.getNewMessage().getMessage()
                                        : u.getEditedMessage().getMessage())
                .toList();
    }

    private static List<String> texts(List<Update> updates) {
        return messages(updates).stream().map(Message::getText).toList();
    }
}
