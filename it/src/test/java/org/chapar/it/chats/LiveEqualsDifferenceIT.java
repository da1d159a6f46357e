package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.channelDifference;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.delete;
import static org.chapar.it.chats.Chats.edit;
import static org.chapar.it.chats.Chats.join;
import static org.chapar.it.chats.Chats.pin;
import static org.chapar.it.chats.Chats.send;

import org.chapar.protocol.Authenticate;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Update;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawSocket;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.function.Predicate;

/**
 * One renderer: for each kind of event, the update a member's connection receives live and the
 * update a difference returns for the same event are the same bytes, in the common box (private
 * chats, groups) and in a chat's own box (supergroups, channels).
 */
class LiveEqualsDifferenceIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    /** Bob's connection as raw frames: what the server wrote, not what an SDK made of it. */
    private static RawSocket live(TestUser user) {
        RawSocket s = RawSocket.connect(server.port()).upgrade();
        ServerFrame auth =
                s.call(
                        ClientFrame.newBuilder()
                                .setAuthenticate(Authenticate.newBuilder().setToken(user.token())));
        assertThat(auth.hasAuthorization()).isTrue();
        return s;
    }

    /** The next live update matching, skipping others (service messages, chat changes). */
    private static Update next(RawSocket s, Predicate<Update> match) {
        for (int i = 0; i < 50; i++) {
            ServerFrame f = s.next();
            for (Update u : f.getUpdates().getUpdatesList()) {
                if (match.test(u)) {
                    return u;
                }
            }
        }
        throw new AssertionError("no live update matched in 50 frames");
    }

    /** The same event read back from the common box. */
    private static Update fromDifference(TestUser user, Update live) {
        var diff = user.client().getDifference(live.getPts() - live.getPtsCount(), 1).join();
        assertThat(diff.getUpdatesList()).isNotEmpty();
        return diff.getUpdates(0);
    }

    /** The same event read back from the chat's own box. */
    private static Update fromChannelDifference(TestUser user, long chatId, Update live) {
        var diff =
                channelDifference(user, chatId, live.getPts() - live.getPtsCount())
                        .join()
                        .getChannelDifference();
        assertThat(diff.getUpdatesList()).isNotEmpty();
        return diff.getUpdates(0);
    }

    private static void assertSameBytes(Update live, Update synced) {
        assertThat(synced.toByteString()).isEqualTo(live.toByteString());
    }

    private static Predicate<Update> text(String t) {
        return u ->
                u.hasNewMessage() && u.getNewMessage().getMessage().getText().equals(t)
                        || u.hasEditedMessage()
                                && u.getEditedMessage().getMessage().getText().equals(t);
    }

    @Test
    void privateChatSendEditAndDeleteAreTheSameLiveAndInADifference() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        try (RawSocket bobLive = live(bob)) {
            var sent = alice.client().sendMessage(bob.peer(), "salam").join();
            Update u = next(bobLive, text("salam"));
            assertSameBytes(u, fromDifference(bob, u));

            alice.client().editMessage(bob.peer(), sent.getMessage().getId(), "salam!").join();
            u = next(bobLive, text("salam!"));
            assertThat(u.hasEditedMessage()).isTrue();
            assertSameBytes(u, fromDifference(bob, u));

            alice.client()
                    .deleteMessages(bob.peer(), List.of(sent.getMessage().getId()), true)
                    .join();
            u = next(bobLive, Update::hasDeletedMessages);
            assertSameBytes(u, fromDifference(bob, u));
        }
    }

    @Test
    void groupPostsWithAMentionEditsPinsAndDeletesAreTheSameLiveAndInADifference() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long chat = create(alice, ChatKind.GROUP, "Family", "", bob).getChat().getId();
        try (RawSocket bobLive = live(bob)) {
            String hello = "hello @" + bob.username();
            long id = send(alice, chat, hello).join().getMessage().getId();
            Update u = next(bobLive, text(hello));
            assertThat(u.getNewMessage().getMessage().getMentioned()).isTrue();
            assertSameBytes(u, fromDifference(bob, u));

            edit(alice, chat, id, hello + "!").join();
            u = next(bobLive, text(hello + "!"));
            assertThat(u.getEditedMessage().getMessage().getMentioned()).isTrue();
            assertSameBytes(u, fromDifference(bob, u));

            assertThat(pin(alice, chat, id).join().hasAffected()).isTrue();
            u = next(bobLive, Update::hasPinnedMessage);
            assertSameBytes(u, fromDifference(bob, u));
            u = next(bobLive, x -> x.hasNewMessage() && x.getNewMessage().getMessage().hasAction());
            assertSameBytes(u, fromDifference(bob, u));

            assertThat(delete(alice, chat, id).join().hasAffected()).isTrue();
            u = next(bobLive, Update::hasDeletedMessages);
            assertSameBytes(u, fromDifference(bob, u));
        }
    }

    @Test
    void supergroupAndChannelEventsAreTheSameLiveAndInAChannelDifference() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        for (ChatKind kind : List.of(ChatKind.SUPERGROUP, ChatKind.CHANNEL)) {
            String name = kind.name().toLowerCase().substring(0, 5) + "_" + alice.id();
            long chat = create(alice, kind, "Town " + kind, name).getChat().getId();
            join(bob, chat).join();
            try (RawSocket bobLive = live(bob)) {
                String post = "news @" + bob.username() + " " + kind;
                long id = send(alice, chat, post).join().getMessage().getId();
                Update u = next(bobLive, text(post));
                assertThat(u.getChannelId()).isEqualTo(chat);
                assertSameBytes(u, fromChannelDifference(bob, chat, u));

                edit(alice, chat, id, post + "!").join();
                u = next(bobLive, text(post + "!"));
                assertSameBytes(u, fromChannelDifference(bob, chat, u));

                assertThat(pin(alice, chat, id).join().hasAffected()).isTrue();
                u = next(bobLive, Update::hasPinnedMessage);
                assertSameBytes(u, fromChannelDifference(bob, chat, u));

                assertThat(delete(alice, chat, id).join().hasAffected()).isTrue();
                u = next(bobLive, Update::hasDeletedMessages);
                assertSameBytes(u, fromChannelDifference(bob, chat, u));
            }
        }
    }
}
