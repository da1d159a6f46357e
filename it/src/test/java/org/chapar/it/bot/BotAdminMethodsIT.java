package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.bot.BotCalls.chatId;
import static org.chapar.it.bot.BotCalls.lacksRights;
import static org.chapar.it.bot.BotCalls.ok;
import static org.chapar.it.bot.BotCalls.refused;
import static org.chapar.it.bot.BotCalls.started;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.ChatRequests;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.BotHttp.Encoding;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

/** promoteChatMember, unbanChatMember and getChat as an admin bot may and a member bot may not. */
class BotAdminMethodsIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private TestUser owner;
    private TestUser carol;
    private TestUser dave;
    private TestBot mod;
    private TestBot plain;
    private long group;
    private long chat;

    @BeforeEach
    void aSupergroupWithAnAdminBotAndAMemberBot() {
        owner = server.newUser("owner");
        carol = server.newUser("carol");
        dave = server.newUser("dave");
        mod = server.newBot(owner, "mod");
        plain = server.newBot(owner, "plain");
        ChatRequests chats = new ChatRequests(owner.client());
        group =
                chats.createChat(
                                ChatKind.SUPERGROUP,
                                "Staff",
                                "",
                                List.of(mod.user(), plain.user(), carol.user(), dave.user()))
                        .join()
                        .getChat()
                        .getId();
        chats.editAdmin(
                        group,
                        mod.id(),
                        AdminRights.newBuilder()
                                .setAddAdmins(true)
                                .setBanUsers(true)
                                .setPinMessages(true)
                                .build())
                .join();
        chat = chatId(group);
    }

    private JsonNode member(TestUser user) {
        return ok(mod.api().call("getChatMember", Map.of("chat_id", chat, "user_id", user.id())));
    }

    @Test
    void anAdminBotPromotesWithTheRightsItHoldsAndNoMore() {
        lacksRights(
                plain.api()
                        .call(
                                "promoteChatMember",
                                Map.of(
                                        "chat_id",
                                        chat,
                                        "user_id",
                                        carol.id(),
                                        "can_pin_messages",
                                        true),
                                Encoding.JSON));
        assertThat(member(carol).get("status").asText()).isEqualTo("member");

        assertThat(
                        ok(mod.api()
                                        .call(
                                                "promoteChatMember",
                                                Map.of(
                                                        "chat_id",
                                                        chat,
                                                        "user_id",
                                                        carol.id(),
                                                        "can_pin_messages",
                                                        "true",
                                                        "can_restrict_members",
                                                        "true"),
                                                Encoding.QUERY))
                                .asBoolean())
                .isTrue();
        JsonNode promoted = member(carol);
        assertThat(promoted.get("status").asText()).isEqualTo("administrator");
        assertThat(promoted.get("can_pin_messages").asBoolean()).isTrue();
        assertThat(promoted.get("can_restrict_members").asBoolean()).isTrue();
        assertThat(promoted.get("can_change_info").asBoolean()).isFalse();
        var seen = new ChatRequests(carol.client()).getChat(group).join();
        assertThat(seen.getChat().getKind()).isEqualTo(ChatKind.SUPERGROUP);

        BotHttp.Reply tooMuch =
                mod.api()
                        .call(
                                "promoteChatMember",
                                Map.of(
                                        "chat_id",
                                        chat,
                                        "user_id",
                                        dave.id(),
                                        "can_change_info",
                                        true),
                                Encoding.FORM);
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.description())
                .isEqualTo(
                        "Bad Request: not enough rights: You cannot grant rights you do not hold: change_info");
        assertThat(member(dave).get("status").asText()).isEqualTo("member");
    }

    @Test
    void unbanLeavesTheUserOutOfTheChatButFreeToJoinAndOnlyIfBannedSparesAMember() {
        // only_if_banned: a member stays
        assertThat(
                        ok(mod.api()
                                        .call(
                                                "unbanChatMember",
                                                Map.of(
                                                        "chat_id",
                                                        chat,
                                                        "user_id",
                                                        carol.id(),
                                                        "only_if_banned",
                                                        true),
                                                Encoding.FORM))
                                .asBoolean())
                .isTrue();
        assertThat(member(carol).get("status").asText()).isEqualTo("member");

        // a banned user is unbanned either way, and has left
        ok(mod.api().call("banChatMember", Map.of("chat_id", chat, "user_id", dave.id())));
        assertThat(member(dave).get("status").asText()).isEqualTo("kicked");
        ok(
                mod.api()
                        .call(
                                "unbanChatMember",
                                Map.of(
                                        "chat_id",
                                        chat,
                                        "user_id",
                                        dave.id(),
                                        "only_if_banned",
                                        "true"),
                                Encoding.MULTIPART));
        assertThat(member(dave).get("status").asText()).isEqualTo("left");

        // without it, as Telegram: a member is removed, and may come back
        ok(
                mod.api()
                        .call(
                                "unbanChatMember",
                                Map.of("chat_id", chat, "user_id", carol.id()),
                                Encoding.JSON));
        assertThat(member(carol).get("status").asText()).isEqualTo("left");
        new ChatRequests(owner.client())
                .addMembers(group, List.of(carol.user(), dave.user()))
                .join();
        assertThat(member(carol).get("status").asText()).isEqualTo("member");
        assertThat(member(dave).get("status").asText()).isEqualTo("member");

        lacksRights(
                plain.api()
                        .call(
                                "unbanChatMember",
                                Map.of("chat_id", chat, "user_id", carol.id()),
                                Encoding.QUERY));
        assertThat(member(carol).get("status").asText()).isEqualTo("member");
    }

    @Test
    void getChatOfAPrivateChatDescribesTheUserAndAStrangerIsNotFound() {
        started(carol, mod);
        JsonNode c = ok(mod.api().call("getChat", Map.of("chat_id", carol.id()), Encoding.QUERY));
        assertThat(c.get("id").asLong()).isEqualTo(carol.id());
        assertThat(c.get("type").asText()).isEqualTo("private");
        assertThat(c.get("username").asText()).isEqualTo(carol.username());
        assertThat(c.get("first_name").asText()).isNotEmpty();
        assertThat(c.has("title")).isFalse();
        refused(
                mod.api().call("getChat", Map.of("chat_id", dave.id()), Encoding.FORM),
                "Bad Request: chat not found");
    }
}
