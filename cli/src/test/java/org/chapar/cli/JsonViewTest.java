package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.Peers;
import org.chapar.protocol.DeletedMessages;
import org.chapar.protocol.Dialog;
import org.chapar.protocol.Message;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.chapar.protocol.UserStatus;
import org.junit.jupiter.api.Test;

class JsonViewTest {

    private final Message message =
            Message.newBuilder()
                    .setPeer(Peers.user(2))
                    .setId(12)
                    .setFromId(1)
                    .setDate(1_700_000_000)
                    .setText("hi \"there\"")
                    .setOut(true)
                    .build();

    @Test
    void jsonLinesCarryNoControlCharacterRawAndKeepTheText() throws Exception {
        String hostile = "\u001b[2J\rfake\nline\u007f\u009b\u202e \u0633\u0644\u0627\u0645";
        String line = JsonView.line(JsonView.message(message.toBuilder().setText(hostile).build()));
        assertThat(line.chars().filter(c -> c < 0x20 || SafeText.unsafe((char) c))).isEmpty();
        assertThat(line).contains("\\u001B[2J\\rfake\\nline\\u007F\\u009B\\u202E سلام");
        assertThat(JsonView.mapper().readTree(line).get("text").asText()).isEqualTo(hostile);
    }

    @Test
    void messageFieldsAreSnakeCase() throws Exception {
        JsonNode n = JsonView.mapper().readTree(JsonView.message(message).toString());
        assertThat(n.get("id").asLong()).isEqualTo(12);
        assertThat(n.get("peer").get("user_id").asLong()).isEqualTo(2);
        assertThat(n.get("from_id").asLong()).isEqualTo(1);
        assertThat(n.get("text").asText()).isEqualTo("hi \"there\"");
        assertThat(n.get("out").asBoolean()).isTrue();
        assertThat(n.has("reply_to_id")).isFalse();
    }

    @Test
    void updatesNameTheirTypeAndPts() throws Exception {
        Update u =
                Update.newBuilder()
                        .setPts(5)
                        .setPtsCount(1)
                        .setNewMessage(NewMessage.newBuilder().setMessage(message))
                        .build();
        JsonNode n = JsonView.mapper().readTree(JsonView.update(u, new Names()).toString());
        assertThat(n.get("type").asText()).isEqualTo("new_message");
        assertThat(n.get("pts").asLong()).isEqualTo(5);
        assertThat(n.get("message").get("id").asLong()).isEqualTo(12);

        Update del =
                Update.newBuilder()
                        .setPts(6)
                        .setPtsCount(1)
                        .setDeletedMessages(
                                DeletedMessages.newBuilder()
                                        .setPeer(Peers.user(2))
                                        .addIds(1)
                                        .addIds(2))
                        .build();
        JsonNode d = JsonView.mapper().readTree(JsonView.update(del, new Names()).toString());
        assertThat(d.get("type").asText()).isEqualTo("deleted_messages");
        assertThat(d.get("ids").toString()).isEqualTo("[1,2]");
    }

    @Test
    void ephemeralUpdatesHaveNoPts() {
        Update u =
                Update.newBuilder()
                        .setUserStatus(UserStatus.newBuilder().setUserId(3).setOnline(true))
                        .build();
        JsonNode n = JsonView.update(u, new Names());
        assertThat(n.get("type").asText()).isEqualTo("user_status");
        assertThat(n.has("pts")).isFalse();
        assertThat(n.get("online").asBoolean()).isTrue();
    }

    @Test
    void dialogCarriesUserAndTopMessage() {
        Dialog d =
                Dialog.newBuilder()
                        .setPeer(Peers.user(2))
                        .setTopMessageId(12)
                        .setUnreadCount(3)
                        .build();
        User bob = User.newBuilder().setId(2).setUsername("bob").setDisplayName("Bob").build();
        JsonNode n = JsonView.dialog(d, message, bob);
        assertThat(n.get("unread_count").asInt()).isEqualTo(3);
        assertThat(n.get("user").get("username").asText()).isEqualTo("bob");
        assertThat(n.get("top_message").get("text").asText()).isEqualTo("hi \"there\"");
    }

    @Test
    void textViewShowsAChatLine() {
        Names names = new Names();
        names.add(User.newBuilder().setId(1).setUsername("alice").build());
        Message in = message.toBuilder().setOut(false).build();
        assertThat(TextView.message(in, names))
                .startsWith("[#12 ")
                .endsWith("] @alice: hi \"there\"");
        assertThat(TextView.message(message, names)).endsWith("] you: hi \"there\"");
        assertThat(names.of(99)).isEqualTo("user#99");
    }
}
