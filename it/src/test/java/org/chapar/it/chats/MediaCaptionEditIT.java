package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.it.media.Tus;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Editing a media message edits its caption: up to 1,024 characters, may be emptied, the file and
 * its fields untouched, under the same rights as a text edit (the sender; in channels the
 * edit_messages right), and a text message keeps the text rules.
 */
class MediaCaptionEditIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    final Tus tus = new Tus(server);

    Message sendDocument(TestUser from, Peer to, String caption) {
        String upload = tus.upload(from, Tus.bytes(5_000, 7), "filename " + Tus.b64("a.bin"));
        InputMedia m =
                InputMedia.newBuilder().setKind(MediaKind.DOCUMENT).setUploadId(upload).build();
        return from.client().sendMedia(to, m, caption, 0).join().getMessage();
    }

    @Test
    void theSenderEditsAndEmptiesTheCaptionAndTheFileStays() {
        TestUser alice = server.newUser("cap_a");
        TestUser bob = server.newUser("cap_b");
        Message sent = sendDocument(alice, bob.peer(), "first caption");

        Message edited =
                alice.client()
                        .editMessage(bob.peer(), sent.getId(), "second caption")
                        .join()
                        .getMessage();
        assertThat(edited.getText()).isEqualTo("second caption");
        assertThat(edited.getEditDate()).isPositive();
        assertThat(edited.getMedia()).isEqualTo(sent.getMedia());

        Message emptied =
                alice.client().editMessage(bob.peer(), sent.getId(), "").join().getMessage();
        assertThat(emptied.getText()).isEmpty();
        assertThat(emptied.getMedia().getFile().getId())
                .isEqualTo(sent.getMedia().getFile().getId());

        Message seenByBob =
                bob.client().getHistory(alice.peer(), 0, 10).join().getMessagesList().stream()
                        .filter(m -> m.getId() == sent.getId())
                        .findFirst()
                        .orElseThrow();
        assertThat(seenByBob.getText()).isEmpty();
        assertThat(seenByBob.getMedia().getFile().getId())
                .isEqualTo(sent.getMedia().getFile().getId());
    }

    @Test
    void aCaptionHasAtMost1024CharactersAndATextMessageKeepsItsOwnRules() {
        TestUser alice = server.newUser("cap_len_a");
        TestUser bob = server.newUser("cap_len_b");
        Message media = sendDocument(alice, bob.peer(), "c");

        String exactly = "\uD83D\uDE00".repeat(1024); // 1,024 code points, 2,048 chars
        assertThat(
                        alice.client()
                                .editMessage(bob.peer(), media.getId(), exactly)
                                .join()
                                .getMessage()
                                .getText())
                .isEqualTo(exactly);
        assertFails(
                alice.client().editMessage(bob.peer(), media.getId(), "x".repeat(1025)),
                ErrorCode.MEDIA_CAPTION_TOO_LONG);

        Message text = alice.client().sendMessage(bob.peer(), "plain").join().getMessage();
        assertThat(
                        alice.client()
                                .editMessage(bob.peer(), text.getId(), "y".repeat(1025))
                                .join()
                                .getMessage()
                                .getText())
                .hasSize(1025);
        assertFails(
                alice.client().editMessage(bob.peer(), text.getId(), ""), ErrorCode.MESSAGE_EMPTY);
    }

    @Test
    void onlyTheSenderEditsACaptionInPrivateChatsAndGroups() {
        TestUser alice = server.newUser("cap_r_a");
        TestUser bob = server.newUser("cap_r_b");
        Message dm = sendDocument(alice, bob.peer(), "alice's");
        assertFails(
                bob.client().editMessage(alice.peer(), dm.getId(), "bob's now"),
                ErrorCode.MESSAGE_EDIT_FORBIDDEN);

        long group = Chats.create(alice, ChatKind.SUPERGROUP, "caps", "").getChat().getId();
        Chats.add(alice, group, bob).join();
        Message inGroup = sendDocument(alice, Chats.peer(group), "group caption");
        assertFails(
                bob.client().editMessage(Chats.peer(group), inGroup.getId(), "not mine"),
                ErrorCode.MESSAGE_EDIT_FORBIDDEN);
        assertThat(
                        alice.client()
                                .editMessage(Chats.peer(group), inGroup.getId(), "mine")
                                .join()
                                .getMessage()
                                .getText())
                .isEqualTo("mine");
    }

    @Test
    void inAChannelEditingAnotherAdminsPostsCaptionNeedsEditMessages() {
        TestUser owner = server.newUser("cap_ch_o");
        TestUser poster = server.newUser("cap_ch_p");
        TestUser editor = server.newUser("cap_ch_e");
        long channel = Chats.create(owner, ChatKind.CHANNEL, "capnews", "").getChat().getId();
        Chats.add(owner, channel, poster, editor).join();
        Chats.promote(
                        owner,
                        channel,
                        poster,
                        AdminRights.newBuilder().setPostMessages(true).build())
                .join();
        Chats.promote(
                        owner,
                        channel,
                        editor,
                        AdminRights.newBuilder().setEditMessages(true).build())
                .join();
        Message post = sendDocument(owner, Chats.peer(channel), "owner's post");

        assertFails(
                poster.client().editMessage(Chats.peer(channel), post.getId(), "by the poster"),
                ErrorCode.MESSAGE_EDIT_FORBIDDEN);
        assertThat(
                        editor.client()
                                .editMessage(Chats.peer(channel), post.getId(), "by the editor")
                                .join()
                                .getMessage()
                                .getText())
                .isEqualTo("by the editor");
    }
}
