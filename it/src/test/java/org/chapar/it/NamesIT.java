package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChatRequests;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.UpdateProfile;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/**
 * Every name shown to others (display names, chat titles, invite link titles, device names) refuses
 * characters that are invisible, blank or reorder the text around them.
 */
class NamesIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    /** Right-to-left override, zero-width space alone, Hangul filler, braille blank, BOM. */
    private static final List<String> TRICKS =
            List.of("\u202Eecilabo", "\u200B", "\u3164", "\u2800", "\uFEFFadmin");

    /** Persian with a zero-width non-joiner inside the word, an emoji family joined by ZWJ. */
    private static final String PERSIAN = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0645";

    private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69";

    private static ChaparClient anonymous() {
        ChaparClient c = server.client();
        c.connect().join();
        return c;
    }

    private static ClientFrame.Builder profile(String name) {
        return ClientFrame.newBuilder()
                .setUpdateProfile(UpdateProfile.newBuilder().setDisplayName(name));
    }

    @Test
    void displayNamesAndDeviceNamesRefuseInvisibleAndBidiCharacters() {
        TestUser alice = server.newUser("alice");
        int i = 0;
        for (String trick : TRICKS) {
            i++;
            assertFails(
                    anonymous().register("trick_user_" + i, "long-enough-pw", trick, "x"),
                    ErrorCode.BAD_REQUEST);
            assertFails(
                    anonymous().register("trick_dev_" + i, "long-enough-pw", null, trick),
                    ErrorCode.BAD_REQUEST);
            assertFails(
                    anonymous().login(alice.username(), alice.password(), trick),
                    ErrorCode.BAD_REQUEST);
            assertFails(alice.client().call(profile(trick)), ErrorCode.BAD_REQUEST);
        }
        assertThat(alice.client().call(profile(PERSIAN)).join().getUser().getDisplayName())
                .isEqualTo(PERSIAN);
        assertThat(
                        alice.client()
                                .call(profile(FAMILY + " Smith"))
                                .join()
                                .getUser()
                                .getDisplayName())
                .isEqualTo(FAMILY + " Smith");
        assertThat(
                        anonymous()
                                .register("fine_name_1", "long-enough-pw", PERSIAN, PERSIAN)
                                .join()
                                .getUser()
                                .getDisplayName())
                .isEqualTo(PERSIAN);
    }

    @Test
    void chatTitlesAndInviteLinkTitlesRefuseThemToo() {
        TestUser owner = server.newUser("owner");
        ChatRequests chats = new ChatRequests(owner.client());
        long chatId =
                chats.createChat(ChatKind.SUPERGROUP, PERSIAN, "", List.of())
                        .join()
                        .getChat()
                        .getId();
        for (String trick : TRICKS) {
            assertFails(
                    chats.createChat(ChatKind.CHANNEL, trick, "", List.of()),
                    ErrorCode.BAD_REQUEST);
            assertFails(
                    chats.editChat(EditChat.newBuilder().setChatId(chatId).setTitle(trick).build()),
                    ErrorCode.BAD_REQUEST);
            assertFails(
                    chats.createInviteLink(
                            CreateInviteLink.newBuilder()
                                    .setChatId(chatId)
                                    .setTitle(trick)
                                    .build()),
                    ErrorCode.BAD_REQUEST);
        }
        assertThat(chats.getChat(chatId).join().getChat().getTitle()).isEqualTo(PERSIAN);
        assertThat(
                        chats.createInviteLink(
                                        CreateInviteLink.newBuilder()
                                                .setChatId(chatId)
                                                .setTitle(FAMILY)
                                                .build())
                                .join()
                                .getTitle())
                .isEqualTo(FAMILY);
    }
}
