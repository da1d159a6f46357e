package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.delete;
import static org.chapar.it.chats.Chats.edit;
import static org.chapar.it.chats.Chats.info;
import static org.chapar.it.chats.Chats.peer;
import static org.chapar.it.chats.Chats.pin;
import static org.chapar.it.chats.Chats.send;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.SentMessage;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A write's answer names the box its pts belongs to, so a client need not know the chat's kind. */
class AnswerBoxIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @Test
    void writesInASupergroupAnswerWithTheChatsBox() {
        TestUser owner = server.newUser("sgowner");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Big", "big_" + owner.id()).getChat().getId();

        SentMessage sent = send(owner, chat, "hello").join();
        assertThat(sent.getChannelId()).isEqualTo(chat);
        assertThat(sent.getPts()).isEqualTo(info(owner, chat).join().getChat().getPts());

        long id = sent.getMessage().getId();
        assertThat(edit(owner, chat, id, "hello again").join().getChannelId()).isEqualTo(chat);
        AffectedPts pinned = pin(owner, chat, id).join().getAffected();
        assertThat(pinned.getChannelId()).isEqualTo(chat);
        AffectedPts deleted = delete(owner, chat, id).join().getAffected();
        assertThat(deleted.getChannelId()).isEqualTo(chat);
        assertThat(deleted.getPts()).isEqualTo(info(owner, chat).join().getChat().getPts());
    }

    @Test
    void readingASupergroupAnswersWithTheCommonBoxWhereTheReadIsKept() {
        TestUser owner = server.newUser("rdowner");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Reads", "reads_" + owner.id())
                        .getChat()
                        .getId();
        send(owner, chat, "to read").join();

        AffectedPts read = owner.client().readHistory(peer(chat), 0).join();
        assertThat(read.getChannelId()).isZero();
        assertThat(read.getPts()).isEqualTo(owner.client().getState().join().getPts());
    }

    @Test
    void writesInAGroupAndAPrivateChatAnswerWithTheCommonBox() {
        TestUser owner = server.newUser("growner");
        TestUser bob = server.newUser("grbob");
        long group = create(owner, ChatKind.GROUP, "Small", "", bob).getChat().getId();

        SentMessage inGroup = send(owner, group, "hi all").join();
        assertThat(inGroup.getChannelId()).isZero();
        assertThat(inGroup.getPts()).isEqualTo(owner.client().getState().join().getPts());

        SentMessage toBob = owner.client().sendMessage(bob.peer(), "hi bob").join();
        assertThat(toBob.getChannelId()).isZero();
        assertThat(toBob.getPts()).isEqualTo(owner.client().getState().join().getPts());
    }
}
