package org.chapar.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;

import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.Peer;
import org.chapar.protocol.Update;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

class OwnMessagesTest {
    private static final ByteString SALT = ByteString.copyFrom(new byte[16]);
    private static final AuthorKey ALICE = AuthorKey.derive("alice's password", 7, SALT);
    private static final AuthorKey BOB = AuthorKey.derive("bob's password", 8, SALT);
    private static final long CHAT = 500;

    private final AtomicReference<SyncState> state =
            new AtomicReference<>(new SyncState(1, "tok", 7).withAuthorKey(ALICE));
    private final OwnMessages mine = new OwnMessages(state::get);

    private static Message post(ByteString tag) {
        return Message.newBuilder()
                .setPeer(Peers.chat(CHAT))
                .setId(3)
                .setPost(true)
                .setAuthorTag(tag)
                .build();
    }

    @Test
    void aPostIsTheUsersWhenTheirKeyMadeItsTag() {
        assertThat(mine.mark(post(ALICE.tag(CHAT))).getOut()).isTrue();
        assertThat(mine.mark(post(BOB.tag(CHAT))).getOut()).as("someone else's").isFalse();
        assertThat(mine.mark(post(ALICE.tag(CHAT + 1))).getOut()).as("another chat's").isFalse();
        assertThat(mine.mark(post(ByteString.EMPTY)).getOut()).as("untagged").isFalse();
    }

    @Test
    void aSignedMessageIsTheUsersByItsSender() {
        Message own = Message.newBuilder().setPeer(Peers.chat(CHAT)).setFromId(7).build();
        Message other = own.toBuilder().setFromId(8).build();
        assertThat(mine.mark(own).getOut()).isTrue();
        assertThat(mine.mark(other).getOut()).isFalse();
    }

    @Test
    void updatesAndListsAreMarkedAndWhatIsNotTheUsersIsLeftAsItCame() {
        Update u =
                Update.newBuilder()
                        .setPts(4)
                        .setNewMessage(NewMessage.newBuilder().setMessage(post(ALICE.tag(CHAT))))
                        .build();
        assertThat(mine.mark(u).getNewMessage().getMessage().getOut()).isTrue();
        assertThat(mine.mark(u).getPts()).isEqualTo(4);
        Message others = post(BOB.tag(CHAT));
        MessageList list =
                MessageList.newBuilder()
                        .addMessages(post(ALICE.tag(CHAT)))
                        .addMessages(others)
                        .build();
        assertThat(mine.mark(list).getMessagesList())
                .extracting(Message::getOut)
                .containsExactly(true, false);
        assertThat(mine.mark(others)).isSameAs(others);
    }

    @Test
    void tagsGoOnlyToSharedChatsAndOnlyWithAKey() {
        ByteString tag = mine.tagFor(Peers.chat(CHAT));
        assertThat(ALICE.made(CHAT, tag)).isTrue();
        assertThat(mine.tagFor(Peer.newBuilder().setUserId(8).build())).isEmpty();

        state.set(state.get().withToken(null)); // logged out: the key went with the session
        assertThat(mine.tagFor(Peers.chat(CHAT))).isEmpty();
        assertThat(mine.mark(post(tag)).getOut()).isFalse();
    }

    @Test
    void aNewTokenOfTheSameUserKeepsTheKeyAndAnotherUserStartsWithout() {
        assertThat(state.get().withToken("tok2").author()).isNotNull();
        assertThat(state.get().forUser(8, "tok3").author()).isNull();
    }
}
