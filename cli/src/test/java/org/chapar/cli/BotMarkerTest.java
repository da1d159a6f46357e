package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.Peers;
import org.chapar.protocol.EditedMessage;
import org.chapar.protocol.Message;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.TypingAction;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.chapar.protocol.UserTyping;
import org.junit.jupiter.api.Test;

/**
 * A bot's messages are marked as a bot's in history and listen, in text and in --json, and what it
 * is busy with (sendChatAction) is said.
 */
class BotMarkerTest {
    private static final User SHOP =
            User.newBuilder()
                    .setId(5)
                    .setUsername("shop_bot")
                    .setDisplayName("Shop")
                    .setBot(true)
                    .build();
    private static final User ALICE =
            User.newBuilder().setId(6).setUsername("alice").setDisplayName("Alice").build();

    private final Names names = new Names();

    BotMarkerTest() {
        names.add(SHOP);
        names.add(ALICE);
    }

    private static Message from(User u, String text) {
        return Message.newBuilder()
                .setPeer(Peers.chat(9))
                .setId(3)
                .setFromId(u.getId())
                .setDate(1_700_000_000)
                .setText(text)
                .build();
    }

    @Test
    void aBotsMessageIsMarkedAndAPersonsIsNot() {
        assertThat(TextView.message(from(SHOP, "In stock"), names))
                .contains("] @shop_bot (bot): In stock");
        assertThat(TextView.message(from(ALICE, "Thanks"), names)).contains("] @alice: Thanks");
    }

    @Test
    void listenMarksTheBotInNewAndEditedMessages() {
        Update fresh =
                Update.newBuilder()
                        .setNewMessage(NewMessage.newBuilder().setMessage(from(SHOP, "Hello")))
                        .build();
        Update edited =
                Update.newBuilder()
                        .setEditedMessage(
                                EditedMessage.newBuilder().setMessage(from(SHOP, "Hello!")))
                        .build();
        assertThat(TextView.update(fresh, names)).contains("@shop_bot (bot): Hello");
        assertThat(TextView.update(edited, names)).contains("@shop_bot (bot): Hello!");
        JsonNode j = JsonView.update(fresh, names);
        assertThat(j.at("/message/from/username").asText()).isEqualTo("shop_bot");
        assertThat(j.at("/message/from/bot").asBoolean()).isTrue();
    }

    @Test
    void jsonSaysBotOnlyOnABot() {
        assertThat(JsonView.user(SHOP).get("bot").asBoolean()).isTrue();
        assertThat(JsonView.user(ALICE).has("bot")).isFalse();
        assertThat(JsonView.message(from(ALICE, "x"), names).at("/from/id").asLong()).isEqualTo(6);
        assertThat(JsonView.message(from(ALICE, "x"), names).at("/from").has("bot")).isFalse();
    }

    @Test
    void listenSaysWhatABotIsBusyWithAndAnUnknownActionIsTyping() {
        Update photo =
                Update.newBuilder()
                        .setUserTyping(
                                UserTyping.newBuilder()
                                        .setPeer(Peers.user(5))
                                        .setUserId(5)
                                        .setAction(TypingAction.UPLOADING_PHOTO))
                        .build();
        assertThat(TextView.update(photo, names)).isEqualTo("@shop_bot is sending a photo...");
        Update future =
                Update.newBuilder()
                        .setUserTyping(
                                UserTyping.newBuilder()
                                        .setPeer(Peers.user(5))
                                        .setUserId(5)
                                        .setActionValue(99))
                        .build();
        assertThat(TextView.update(future, names)).isEqualTo("@shop_bot is typing...");
        assertThat(JsonView.update(photo, names).get("action").asText())
                .isEqualTo("uploading_photo");
    }
}
