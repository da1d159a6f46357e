package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.editChat;
import static org.chapar.it.chats.Chats.info;
import static org.chapar.it.chats.Chats.restrict;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.AdminLogPage;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.GetAdminLog;
import org.chapar.protocol.GetChat;
import org.chapar.protocol.Restrictions;
import org.chapar.protocol.Update;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.function.Predicate;

/**
 * EditChat checks the caller's rights before it looks at anything, and an edit that changes nothing
 * is refused and leaves no trace: no admin log entry, no ChatUpdated event, no push. What was
 * written is read through requests (the box's head, the admin log), so this holds on any store.
 */
class EditChatIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static EditChat.Builder edit(long chat) {
        return EditChat.newBuilder().setChatId(chat);
    }

    /** The head of a supergroup's or channel's box: each event written moves it by one. */
    private static long events(TestUser member, long chat) {
        return info(member, chat).join().getChat().getPts();
    }

    /** The entries of the chat's admin log, as an admin reads them. */
    private static long logEntries(TestUser admin, long chat) {
        long count = 0;
        long below = 0;
        while (true) {
            AdminLogPage page =
                    call(
                                    admin,
                                    ClientFrame.newBuilder()
                                            .setGetAdminLog(
                                                    GetAdminLog.newBuilder()
                                                            .setChatId(chat)
                                                            .setMaxId(below)
                                                            .setLimit(100)))
                            .join()
                            .getAdminLog();
            if (page.getEntriesCount() == 0) {
                return count;
            }
            count += page.getEntriesCount();
            below = page.getEntries(page.getEntriesCount() - 1).getId();
        }
    }

    /** A ChatUpdated box event (pts set) of the chat: what a settings change pushes to members. */
    private static Predicate<Update> settingsChanged(long chat) {
        return u ->
                u.hasChatUpdated()
                        && u.getPts() != 0
                        && u.getChatUpdated().getChat().getId() == chat;
    }

    @Test
    void anOutsiderOrABannedUserGetsNoChatInfoFromAnEmptyEdit() {
        TestUser owner = server.newUser("owner");
        TestUser stranger = server.newUser("stranger");
        TestUser outcast = server.newUser("outcast");
        long chat = create(owner, ChatKind.SUPERGROUP, "Secret", "", outcast).getChat().getId();
        restrict(owner, chat, outcast, Chats.banned(), 0).join();
        long events = events(owner, chat);

        assertFails(
                call(
                        stranger,
                        ClientFrame.newBuilder().setGetChat(GetChat.newBuilder().setChatId(chat))),
                ErrorCode.CHANNEL_PRIVATE);
        assertThat(
                        assertFails(editChat(stranger, edit(chat)), ErrorCode.CHANNEL_PRIVATE)
                                .getMessage())
                .doesNotContain("Secret");
        assertFails(editChat(stranger, edit(chat).setTitle("Mine")), ErrorCode.CHANNEL_PRIVATE);
        assertFails(editChat(outcast, edit(chat)), ErrorCode.USER_BANNED_IN_CHANNEL);
        assertFails(
                editChat(outcast, edit(chat).setAbout("let me back")),
                ErrorCode.USER_BANNED_IN_CHANNEL);
        assertThat(events(owner, chat)).isEqualTo(events);
    }

    @Test
    void anEmptyEditByAMemberIsRefusedAndPushesNothing() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long group = create(owner, ChatKind.GROUP, "Family", "", member).getChat().getId();
        long log = logEntries(owner, group);

        assertThat(
                        assertFails(editChat(member, edit(group)), ErrorCode.CHAT_NOT_MODIFIED)
                                .getMessage())
                .contains("Nothing to change");
        assertFails(editChat(owner, edit(group)), ErrorCode.CHAT_NOT_MODIFIED);

        // the real edit is the first settings change the member is told of: the refused ones wrote
        // no event into anyone's box
        editChat(owner, edit(group).setTitle("Family and friends")).join();
        Update first = member.updates().awaitOne(settingsChanged(group));
        assertThat(first.getChatUpdated().getChat().getTitle()).isEqualTo("Family and friends");
        assertThat(member.updates().all().stream().filter(settingsChanged(group))).hasSize(1);
        assertThat(logEntries(owner, group)).isEqualTo(log + 1);
    }

    @Test
    void settingAFieldToItsCurrentValueIsANoOpForEveryField() {
        TestUser owner = server.newUser("owner");
        String name = "quiet_" + owner.id();
        long sg = create(owner, ChatKind.SUPERGROUP, "Quiet", name).getChat().getId();
        long channel = create(owner, ChatKind.CHANNEL, "Feed", "").getChat().getId();
        long events = events(owner, sg) + events(owner, channel);
        long log = logEntries(owner, sg) + logEntries(owner, channel);

        for (EditChat.Builder same :
                new EditChat.Builder[] {
                    edit(sg).setTitle("Quiet"),
                    edit(sg).setTitle("  Quiet "),
                    edit(sg).setAbout(""),
                    edit(sg).setUsername(name),
                    edit(sg).setUsername("@" + name),
                    edit(sg).setSlowModeSeconds(0),
                    edit(sg).setSetDefaultRestrictions(true)
                            .setDefaultRestrictions(Restrictions.getDefaultInstance()),
                    edit(sg).setTitle("Quiet").setAbout("").setSlowModeSeconds(0),
                    edit(channel).setSignatures(false),
                    edit(channel).setUsername(""),
                }) {
            assertFails(editChat(owner, same), ErrorCode.CHAT_NOT_MODIFIED);
        }
        assertThat(events(owner, sg) + events(owner, channel)).isEqualTo(events);
        assertThat(logEntries(owner, sg) + logEntries(owner, channel)).isEqualTo(log);

        // one field that differs among unchanged ones: one log entry, one event
        var info = editChat(owner, edit(sg).setTitle("Quiet").setAbout("Hush")).join();
        assertThat(info.getChat().getAbout()).isEqualTo("Hush");
        assertThat(logEntries(owner, sg) + logEntries(owner, channel)).isEqualTo(log + 1);
        assertThat(events(owner, sg) + events(owner, channel)).isEqualTo(events + 1);
        editChat(owner, edit(channel).setSignatures(true)).join();
        editChat(owner, edit(sg).setSlowModeSeconds(10)).join();
        assertThat(logEntries(owner, sg) + logEntries(owner, channel)).isEqualTo(log + 3);
    }

    @Test
    void rightsAreCheckedForEveryFieldSetEvenIfItWouldNotChange() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        TestUser muted = server.newUser("muted");
        String name = "club_" + owner.id();
        long sg = create(owner, ChatKind.SUPERGROUP, "Club", name, member, muted).getChat().getId();
        restrict(owner, sg, muted, Restrictions.newBuilder().setChangeInfo(true).build(), 0).join();

        // refused: the right is missing, whatever the value
        assertFails(editChat(member, edit(sg).setUsername(name)), ErrorCode.CHAT_ADMIN_REQUIRED);
        assertFails(
                editChat(member, edit(sg).setSlowModeSeconds(0)), ErrorCode.CHAT_ADMIN_REQUIRED);
        assertFails(
                editChat(
                        member,
                        edit(sg).setSetDefaultRestrictions(true)
                                .setDefaultRestrictions(Restrictions.getDefaultInstance())),
                ErrorCode.CHAT_ADMIN_REQUIRED);
        assertFails(editChat(muted, edit(sg).setTitle("Club")), ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertFails(editChat(muted, edit(sg).setTitle("Muted")), ErrorCode.CHAT_WRITE_FORBIDDEN);

        // allowed: a member may change the title of a supergroup unless restricted; the same title
        // is then a no-op
        assertFails(editChat(member, edit(sg).setTitle("Club")), ErrorCode.CHAT_NOT_MODIFIED);
        assertThat(editChat(member, edit(sg).setTitle("Members' club")).join().getChat().getTitle())
                .isEqualTo("Members' club");
    }
}
