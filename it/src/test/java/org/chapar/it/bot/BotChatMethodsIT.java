package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.BotRequests;
import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.BotHttp.Encoding;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

/** The chat methods go through the chat services' rules: allowed to an admin bot, refused else. */
class BotChatMethodsIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @Test
    void anAdminBotModeratesASupergroupAndAMemberBotIsRefused() {
        TestUser owner = server.newUser("owner");
        TestUser carol = server.newUser("carol");
        TestBot mod = server.newBot(owner, "mod");
        TestBot plain = server.newBot(owner, "plain");
        ChatRequests chats = new ChatRequests(owner.client());
        long group =
                chats.createChat(ChatKind.SUPERGROUP, "Helpers", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(group, List.of(mod.user(), plain.user(), carol.user())).join();
        chats.editAdmin(
                        group,
                        mod.id(),
                        AdminRights.newBuilder()
                                .setBanUsers(true)
                                .setPinMessages(true)
                                .setInviteUsers(true)
                                .setDeleteMessages(true)
                                .build())
                .join();
        long chatId = -1_000_000_000_000L - group;

        JsonNode info = mod.api().call("getChat", Map.of("chat_id", chatId)).result();
        assertThat(info.get("type").asText()).isEqualTo("supergroup");
        assertThat(info.get("title").asText()).isEqualTo("Helpers");
        assertThat(mod.api().call("getChatMemberCount", Map.of("chat_id", chatId)).result().asInt())
                .isEqualTo(4);
        JsonNode admins =
                mod.api().call("getChatAdministrators", Map.of("chat_id", chatId)).result();
        assertThat(admins.findValuesAsText("status")).contains("creator", "administrator");
        JsonNode me =
                mod.api()
                        .call("getChatMember", Map.of("chat_id", chatId, "user_id", mod.id()))
                        .result();
        assertThat(me.get("status").asText()).isEqualTo("administrator");
        assertThat(me.get("can_restrict_members").asBoolean()).isTrue();

        // restrict, ban and unban carol; a plain member bot may not
        for (Encoding e : List.of(Encoding.FORM, Encoding.JSON)) {
            BotHttp.Reply refused =
                    plain.api()
                            .call(
                                    "banChatMember",
                                    Map.of("chat_id", chatId, "user_id", carol.id()),
                                    e);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.description()).startsWith("Bad Request: not enough rights");
        }
        BotHttp.Reply restricted =
                mod.api()
                        .call(
                                "restrictChatMember",
                                Map.of(
                                        "chat_id", chatId,
                                        "user_id", carol.id(),
                                        "permissions", Map.of("can_send_messages", false)));
        assertThat(restricted.ok()).as(restricted.body().toString()).isTrue();
        assertThat(
                        mod.api()
                                .call(
                                        "getChatMember",
                                        Map.of("chat_id", chatId, "user_id", carol.id()))
                                .result()
                                .get("status")
                                .asText())
                .isEqualTo("restricted");
        assertThat(
                        mod.api()
                                .call(
                                        "banChatMember",
                                        Map.of("chat_id", chatId, "user_id", carol.id()))
                                .ok())
                .isTrue();
        assertThat(
                        mod.api()
                                .call(
                                        "getChatMember",
                                        Map.of("chat_id", chatId, "user_id", carol.id()))
                                .result()
                                .get("status")
                                .asText())
                .isEqualTo("kicked");
        assertThat(
                        mod.api()
                                .call(
                                        "unbanChatMember",
                                        Map.of("chat_id", chatId, "user_id", carol.id()))
                                .ok())
                .isTrue();

        // invite links and pins
        JsonNode link =
                mod.api()
                        .call("createChatInviteLink", Map.of("chat_id", chatId, "name", "spring"))
                        .result();
        assertThat(link.get("invite_link").asText()).startsWith("chapar:join/");
        assertThat(link.get("name").asText()).isEqualTo("spring");
        JsonNode revoked =
                mod.api()
                        .call(
                                "revokeChatInviteLink",
                                Map.of(
                                        "chat_id",
                                        chatId,
                                        "invite_link",
                                        link.get("invite_link").asText()))
                        .result();
        assertThat(revoked.get("is_revoked").asBoolean()).isTrue();
        long msg =
                owner.client().sendMessage(Peers.chat(group), "rules").join().getMessage().getId();
        assertThat(
                        mod.api()
                                .call(
                                        "pinChatMessage",
                                        Map.of("chat_id", chatId, "message_id", msg))
                                .ok())
                .isTrue();
        assertThat(chats.getChat(group).join().getChat().getPinnedMessageId()).isEqualTo(msg);
        // (members of a supergroup may pin by default: the chat's rule, not the bot's)
        assertThat(mod.api().call("unpinChatMessage", Map.of("chat_id", chatId)).ok()).isTrue();

        // commands reach users' clients
        assertThat(
                        mod.api()
                                .call(
                                        "setMyCommands",
                                        Map.of(
                                                "commands",
                                                List.of(
                                                        Map.of(
                                                                "command",
                                                                "help",
                                                                "description",
                                                                "How to"))),
                                        Encoding.FORM)
                                .ok())
                .isTrue();
        assertThat(mod.api().call("setMyDescription", Map.of("description", "Keeps order")).ok())
                .isTrue();
        var commands = new BotRequests(carol.client()).getBotCommands(mod.id()).join();
        assertThat(commands.getCommands(0).getCommand()).isEqualTo("help");
        assertThat(commands.getDescription()).isEqualTo("Keeps order");
        assertThat(mod.api().call("getMyCommands").result().get(0).get("description").asText())
                .isEqualTo("How to");
        assertThat(mod.api().call("deleteMyCommands").ok()).isTrue();
        assertThat(mod.api().call("getMyCommands").result()).isEmpty();
        BotHttp.Reply badCommand =
                mod.api()
                        .call(
                                "setMyCommands",
                                Map.of(
                                        "commands",
                                        List.of(
                                                Map.of(
                                                        "command",
                                                        "Bad Command",
                                                        "description",
                                                        "x"))));
        assertThat(badCommand.status()).isEqualTo(400);

        // the bot leaves; then the chat is no longer its
        assertThat(plain.api().call("leaveChat", Map.of("chat_id", chatId)).ok()).isTrue();
        assertThat(plain.api().call("getChat", Map.of("chat_id", chatId)).ok()).isFalse();
    }
}
