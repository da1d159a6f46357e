package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.edit;
import static org.chapar.it.chats.Chats.editChat;
import static org.chapar.it.chats.Chats.history;
import static org.chapar.it.chats.Chats.noSending;
import static org.chapar.it.chats.Chats.peer;
import static org.chapar.it.chats.Chats.promote;
import static org.chapar.it.chats.Chats.restrict;
import static org.chapar.it.chats.Chats.send;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ForwardMessage;
import org.chapar.protocol.Message;
import org.chapar.protocol.Restrictions;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

/**
 * Edits pass the rules sends pass (send_messages, embed_links), and links are recognised however
 * they are disguised.
 */
class MessageLinksIT {
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withClock(clock));

    private static Restrictions noLinks() {
        return Restrictions.newBuilder().setEmbedLinks(true).build();
    }

    private static String text(TestUser u, long chat, long id) {
        return history(u, chat).join().getMessagesList().stream()
                .filter(m -> m.getId() == id)
                .map(Message::getText)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aMemberRestrictedFromLinksCannotEditALinkIntoAnOldMessage() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.GROUP, "No links", "", member).getChat().getId();
        long old = send(member, chat, "hello").join().getMessage().getId();
        restrict(owner, chat, member, noLinks(), 0).join();

        assertFails(edit(member, chat, old, "see evil.example/x"), ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertFails(
                edit(member, chat, old, "https://evil.example"), ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertThat(text(owner, chat, old)).isEqualTo("hello");

        edit(member, chat, old, "hello, no link").join();
        assertThat(text(owner, chat, old)).isEqualTo("hello, no link");
        long mine = send(owner, chat, "owner's note").join().getMessage().getId();
        edit(owner, chat, mine, "admins may: https://example.org").join();
    }

    @Test
    void aMemberRestrictedFromSendingCannotEditUntilTheRestrictionEnds() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.SUPERGROUP, "Quiet", "", member).getChat().getId();
        long old = send(member, chat, "first words").join().getMessage().getId();
        restrict(owner, chat, member, noSending(), clock.seconds() + 60).join();

        assertFails(edit(member, chat, old, "rewritten"), ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertThat(text(owner, chat, old)).isEqualTo("first words");

        clock.advance(Duration.ofSeconds(61));
        assertThat(edit(member, chat, old, "rewritten").join().getMessage().getText())
                .isEqualTo("rewritten");
    }

    @Test
    void chatWideRestrictionsBindEditsTooButNotAdmins() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.SUPERGROUP, "Read only", "", member).getChat().getId();
        long old = send(member, chat, "before the rule").join().getMessage().getId();
        long own = send(owner, chat, "the rule").join().getMessage().getId();
        editChat(
                        owner,
                        EditChat.newBuilder()
                                .setChatId(chat)
                                .setSetDefaultRestrictions(true)
                                .setDefaultRestrictions(noSending()))
                .join();

        assertFails(edit(member, chat, old, "after the rule"), ErrorCode.CHAT_WRITE_FORBIDDEN);
        edit(owner, chat, own, "the rule, amended").join();
    }

    @Test
    void disguisedLinksAreRefusedAndOrdinaryTextPasses() {
        TestUser owner = server.newUser("owner");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.SUPERGROUP, "Plain", "", member).getChat().getId();
        editChat(
                        owner,
                        EditChat.newBuilder()
                                .setChatId(chat)
                                .setSetDefaultRestrictions(true)
                                .setDefaultRestrictions(noLinks()))
                .join();

        for (String link :
                List.of(
                        "evil.example/x",
                        "ftp://files.example/x",
                        "ｈｔｔｐ://evil.example",
                        "http\u200B://evil.example",
                        "HTTP://EVIL.EXAMPLE",
                        "www.evil.example",
                        "buy at evil.com",
                        "evil\u3002com/x")) {
            assertThat(
                            assertFails(send(member, chat, link), ErrorCode.CHAT_WRITE_FORBIDDEN)
                                    .getMessage())
                    .as(link)
                    .contains("links");
        }
        for (String text : List.of("e.g. 3.5 apples", "see notes.txt", "meet at 10:30")) {
            send(member, chat, text).join();
        }
        send(owner, chat, "admins may: evil.example/x").join();
    }

    @Test
    void aForwardedLinkIsALinkAndChannelAdminsEditPostsFreely() {
        TestUser owner = server.newUser("owner");
        TestUser editor = server.newUser("editor");
        TestUser member = server.newUser("member");
        long channel =
                create(owner, ChatKind.CHANNEL, "News", "", editor, member).getChat().getId();
        promote(owner, channel, editor, AdminRights.newBuilder().setEditMessages(true).build())
                .join();
        long post = send(owner, channel, "read more at evil.example/x").join().getMessage().getId();
        edit(editor, channel, post, "read more at www.example.org").join();

        long group = create(owner, ChatKind.GROUP, "Chat", "", member).getChat().getId();
        restrict(owner, group, member, noLinks(), 0).join();
        assertFails(
                call(
                        member,
                        ClientFrame.newBuilder()
                                .setForwardMessage(
                                        ForwardMessage.newBuilder()
                                                .setFromPeer(peer(channel))
                                                .setId(post)
                                                .setToPeer(peer(group))
                                                .setRandomId(42))),
                ErrorCode.CHAT_WRITE_FORBIDDEN);
    }
}
