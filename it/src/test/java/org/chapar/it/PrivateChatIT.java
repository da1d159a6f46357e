package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import org.chapar.client.ChaparException;
import org.chapar.protocol.Dialog;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.Update;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CompletionException;

class PrivateChatIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @Test
    void aMessageReachesTheOtherUserLiveAndIsInBothHistories() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");

        SentMessage sent = alice.client().sendMessage(bob.peer(), "hello bob").join();

        Update got = bob.updates().awaitOne(newMessage("hello bob"));
        Message m = got.getNewMessage().getMessage();
        assertThat(m.getFromId()).isEqualTo(alice.id());
        assertThat(m.getPeer().getUserId()).isEqualTo(alice.id());
        assertThat(m.getOut()).isFalse();
        assertThat(m.getId()).isEqualTo(sent.getMessage().getId());
        assertThat(sent.getMessage().getOut()).isTrue();

        List<Message> bobs = bob.client().getHistory(alice.peer(), 0, 10).join().getMessagesList();
        List<Message> alices =
                alice.client().getHistory(bob.peer(), 0, 10).join().getMessagesList();
        assertThat(bobs).extracting(Message::getText).containsExactly("hello bob");
        assertThat(alices).extracting(Message::getText).containsExactly("hello bob");
    }

    @Test
    void chatListShowsUnreadCountsUntilRead() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        alice.client().sendMessage(bob.peer(), "one").join();
        long second = alice.client().sendMessage(bob.peer(), "two").join().getMessage().getId();

        Dialog d = bob.client().getDialogs("", 20).join().getDialogs(0);
        assertThat(d.getPeer().getUserId()).isEqualTo(alice.id());
        assertThat(d.getUnreadCount()).isEqualTo(2);
        assertThat(d.getTopMessageId()).isEqualTo(second);

        bob.client().readHistory(alice.peer(), second).join();
        assertThat(bob.client().getDialogs("", 20).join().getDialogs(0).getUnreadCount()).isZero();
        Update receipt = alice.updates().awaitOne(Update::hasReadOutbox);
        assertThat(receipt.getReadOutbox().getMaxId()).isEqualTo(second);
    }

    @Test
    void sendingToAnUnknownUserIsRefused() {
        TestUser alice = server.newUser("alice");
        assertThatThrownBy(
                        () ->
                                alice.client()
                                        .sendMessage(
                                                org.chapar.protocol.Peer.newBuilder()
                                                        .setUserId(987654321L)
                                                        .build(),
                                                "hi")
                                        .join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(ChaparException.class)
                .satisfies(
                        e ->
                                assertThat(((ChaparException) e).getCode())
                                        .isEqualTo(ErrorCode.USER_NOT_FOUND));
    }
}
