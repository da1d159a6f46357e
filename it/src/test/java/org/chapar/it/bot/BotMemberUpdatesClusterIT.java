package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.ChatRequests;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.server.ChaparServer;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.NatsExtension;
import org.chapar.testkit.PostgresTestDatabase;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Member updates in cluster mode: two nodes on this test's own PostgreSQL database and NATS server.
 * A change made through one node wakes the bot's long poll on the other, with the same objects as
 * on one node (docs/adr/0028-bot-member-updates.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BotMemberUpdatesClusterIT {
    private static final PostgresTestDatabase DB = PostgresTestDatabase.create();

    /** Drops the database after the servers on it have stopped (registered first, ends last). */
    @RegisterExtension
    @Order(0)
    static final AfterAllCallback dropDatabase = context -> DB.close();

    @RegisterExtension
    @Order(1)
    static final NatsExtension nats = NatsExtension.create();

    @RegisterExtension
    @Order(2)
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> nats.onBus().apply(c).withStore(DB.url()));

    private static JsonNode poll(BotHttp api, long offset, List<String> allowed) {
        BotHttp.Reply r =
                api.call(
                        "getUpdates",
                        Map.of("offset", offset, "timeout", 30, "allowed_updates", allowed));
        assertThat(r.ok()).as(r.body().toString()).isTrue();
        return r.result();
    }

    @Test
    void changesThroughOneNodeWakeTheBotsPollOnTheOther() throws Exception {
        TestUser owner = server.newUser("owner");
        TestUser carol = server.newUser("carol");
        TestBot bot = server.newBot(owner, "far");
        ChatRequests chats = new ChatRequests(owner.client());
        long sg =
                chats.createChat(ChatKind.SUPERGROUP, "Far", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        ChaparServer peer = server.startPeer();
        BotHttp onPeer =
                new BotHttp(URI.create("http://127.0.0.1:" + peer.port() + "/"), bot.token());
        List<String> all = List.of("my_chat_member", "chat_member", "chat_join_request");

        CompletableFuture<JsonNode> first =
                CompletableFuture.supplyAsync(() -> poll(onPeer, 0, all));
        chats.addMembers(sg, List.of(bot.user())).join();
        JsonNode added = first.get(40, TimeUnit.SECONDS);
        assertThat(added).hasSize(1);
        JsonNode own = added.get(0).get("my_chat_member");
        assertThat(own.get("from").get("id").asLong()).isEqualTo(owner.id());
        assertThat(own.get("new_chat_member").get("status").asText()).isEqualTo("member");
        long next = added.get(0).get("update_id").asLong() + 1;

        chats.editAdmin(sg, bot.id(), AdminRights.newBuilder().setBanUsers(true).build()).join();
        JsonNode promoted = poll(onPeer, next, all);
        assertThat(promoted).hasSize(1);
        assertThat(
                        promoted.get(0)
                                .get("my_chat_member")
                                .get("new_chat_member")
                                .get("status")
                                .asText())
                .isEqualTo("administrator");
        next = promoted.get(0).get("update_id").asLong() + 1;

        long from = next;
        CompletableFuture<JsonNode> waiting =
                CompletableFuture.supplyAsync(() -> poll(onPeer, from, all));
        chats.addMembers(sg, List.of(carol.user())).join();
        JsonNode joined = waiting.get(40, TimeUnit.SECONDS);
        assertThat(joined).hasSize(1);
        JsonNode other = joined.get(0).get("chat_member");
        assertThat(other.get("new_chat_member").get("user").get("id").asLong())
                .isEqualTo(carol.id());
        assertThat(other.get("from").get("id").asLong()).isEqualTo(owner.id());
    }

    @Test
    void allowedUpdatesSetThroughOneNodeHoldForAPollOnTheOther() throws Exception {
        TestUser owner = server.newUser("owner");
        TestUser dave = server.newUser("dave");
        TestBot bot = server.newBot(owner, "asks");
        ChatRequests chats = new ChatRequests(owner.client());
        long sg =
                chats.createChat(ChatKind.SUPERGROUP, "Asks", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(sg, List.of(bot.user())).join();
        chats.editAdmin(sg, bot.id(), AdminRights.newBuilder().setBanUsers(true).build()).join();
        // the bot asks for chat_member on this node (Telegram's default leaves it out) ...
        JsonNode own = poll(bot.api(), 0, List.of("my_chat_member", "chat_member"));
        long next = own.get(own.size() - 1).get("update_id").asLong() + 1;

        // ... and polls the other node without allowed_updates: the last setting holds there
        ChaparServer peer = server.startPeer();
        BotHttp onPeer =
                new BotHttp(URI.create("http://127.0.0.1:" + peer.port() + "/"), bot.token());
        long from = next;
        CompletableFuture<JsonNode> waiting =
                CompletableFuture.supplyAsync(
                        () -> {
                            BotHttp.Reply r =
                                    onPeer.call(
                                            "getUpdates", Map.of("offset", from, "timeout", 30));
                            assertThat(r.ok()).as(r.body().toString()).isTrue();
                            return r.result();
                        });
        chats.addMembers(sg, List.of(dave.user())).join();
        JsonNode joined = waiting.get(40, TimeUnit.SECONDS);
        assertThat(joined).hasSize(1);
        assertThat(
                        joined.get(0)
                                .get("chat_member")
                                .get("new_chat_member")
                                .get("user")
                                .get("id")
                                .asLong())
                .isEqualTo(dave.id());
    }
}
