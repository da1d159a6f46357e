package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.Restrictions;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * my_chat_member, chat_member and chat_join_request over getUpdates, from changes users make with
 * their clients (docs/adr/0028-bot-member-updates.md). "Nothing arrived" is shown by a later
 * private message to the bot, which comes after anything the changes before it left.
 */
class BotMemberUpdatesIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static final List<String> WITH_MEMBERS =
            List.of("message", "my_chat_member", "chat_member", "chat_join_request");

    /** A bot's getUpdates with allowed_updates, each call confirming what the last one gave. */
    private static final class Poller {
        private final TestBot bot;
        private final BotHttp api;
        private final List<String> allowed;
        private long offset;

        Poller(TestBot bot, List<String> allowed) {
            this(bot, bot.api(), allowed);
        }

        Poller(TestBot bot, BotHttp api, List<String> allowed) {
            this.bot = bot;
            this.api = api;
            this.allowed = allowed;
        }

        /** Everything up to a sentinel sent now, without the sentinel. */
        List<JsonNode> next() {
            bot.owner().client().sendMessage(Peers.user(bot.user()), "sentinel").join();
            JsonNode page = poll(0);
            List<JsonNode> out = new ArrayList<>();
            page.forEach(out::add);
            assertThat(out).isNotEmpty();
            assertThat(out.getLast().path("message").path("text").asText()).isEqualTo("sentinel");
            return out.subList(0, out.size() - 1);
        }

        /** This bot's poller from where this one is, with other allowed_updates. */
        Poller allowing(List<String> kinds) {
            Poller p = new Poller(bot, api, kinds);
            p.offset = offset;
            return p;
        }

        /** The body of a getUpdates as it comes over the wire, confirming nothing new. */
        String raw() {
            return api.raw("getUpdates", Map.of("offset", offset, "allowed_updates", allowed));
        }

        JsonNode poll(int timeout) {
            BotHttp.Reply r =
                    api.call(
                            "getUpdates",
                            Map.of(
                                    "offset", offset,
                                    "timeout", timeout,
                                    "allowed_updates", allowed));
            assertThat(r.ok()).as(r.body().toString()).isTrue();
            JsonNode page = r.result();
            if (!page.isEmpty()) {
                offset = page.get(page.size() - 1).get("update_id").asLong() + 1;
            }
            return page;
        }
    }

    private static JsonNode only(List<JsonNode> updates, String kind) {
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).has(kind)).as(updates.get(0).toString()).isTrue();
        return updates.get(0).get(kind);
    }

    private static long botChatId(long chat, ChatKind kind) {
        return kind == ChatKind.GROUP ? -chat : -1_000_000_000_000L - chat;
    }

    private static String status(JsonNode change, String side) {
        return change.get(side).get("status").asText();
    }

    @Test
    void theBotSeesItselfAddedPromotedDemotedAndBannedWithWhoDidIt() {
        TestUser owner = server.newUser("owner");
        TestBot bot = server.newBot(owner, "self");
        Poller updates = new Poller(bot, List.of());
        ChatRequests chats = new ChatRequests(owner.client());

        long group =
                chats.createChat(ChatKind.GROUP, "Basic", "", List.of(bot.user()))
                        .join()
                        .getChat()
                        .getId();
        JsonNode added = only(updates.next(), "my_chat_member");
        assertThat(added.get("chat").get("id").asLong())
                .isEqualTo(botChatId(group, ChatKind.GROUP));
        assertThat(added.get("chat").get("type").asText()).isEqualTo("group");
        assertThat(added.get("from").get("id").asLong()).isEqualTo(owner.id());
        assertThat(added.get("date").asLong()).isPositive();
        assertThat(status(added, "old_chat_member")).isEqualTo("left");
        assertThat(status(added, "new_chat_member")).isEqualTo("member");
        assertThat(added.get("new_chat_member").get("user").get("id").asLong()).isEqualTo(bot.id());

        long sg =
                chats.createChat(ChatKind.SUPERGROUP, "Super", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(sg, List.of(bot.user())).join();
        assertThat(status(only(updates.next(), "my_chat_member"), "new_chat_member"))
                .isEqualTo("member");
        chats.editAdmin(
                        sg,
                        bot.id(),
                        AdminRights.newBuilder().setInviteUsers(true).setBanUsers(true).build())
                .join();
        JsonNode promoted = only(updates.next(), "my_chat_member");
        assertThat(promoted.get("chat").get("type").asText()).isEqualTo("supergroup");
        assertThat(status(promoted, "old_chat_member")).isEqualTo("member");
        assertThat(status(promoted, "new_chat_member")).isEqualTo("administrator");
        assertThat(promoted.get("new_chat_member").get("can_invite_users").asBoolean()).isTrue();
        assertThat(promoted.get("new_chat_member").get("can_restrict_members").asBoolean())
                .isTrue();
        assertThat(promoted.get("new_chat_member").get("can_change_info").asBoolean()).isFalse();
        chats.editAdmin(sg, bot.id(), AdminRights.getDefaultInstance()).join();
        JsonNode demoted = only(updates.next(), "my_chat_member");
        assertThat(status(demoted, "old_chat_member")).isEqualTo("administrator");
        assertThat(status(demoted, "new_chat_member")).isEqualTo("member");
        chats.editRestrictions(
                        sg, bot.user(), Restrictions.newBuilder().setViewMessages(true).build(), 0)
                .join();
        JsonNode banned = only(updates.next(), "my_chat_member");
        assertThat(status(banned, "new_chat_member")).isEqualTo("kicked");
        assertThat(banned.get("new_chat_member").get("until_date").asLong()).isZero();
        chats.editRestrictions(sg, bot.user(), Restrictions.getDefaultInstance(), 0).join();
        JsonNode unbanned = only(updates.next(), "my_chat_member");
        assertThat(status(unbanned, "old_chat_member")).isEqualTo("kicked");
        assertThat(status(unbanned, "new_chat_member")).isEqualTo("left");

        long channel =
                chats.createChat(ChatKind.CHANNEL, "News", "", List.of()).join().getChat().getId();
        chats.addMembers(channel, List.of(bot.user())).join();
        chats.editAdmin(channel, bot.id(), AdminRights.newBuilder().setPostMessages(true).build())
                .join();
        List<JsonNode> inChannel = updates.next();
        assertThat(inChannel).hasSize(2);
        JsonNode admin = inChannel.get(1).get("my_chat_member");
        assertThat(admin.get("chat").get("type").asText()).isEqualTo("channel");
        assertThat(admin.get("from").get("id").asLong()).isEqualTo(owner.id());
        assertThat(admin.get("new_chat_member").get("can_post_messages").asBoolean()).isTrue();

        // the bot leaving is its own doing
        assertThat(
                        bot.api()
                                .call(
                                        "leaveChat",
                                        Map.of("chat_id", botChatId(group, ChatKind.GROUP)))
                                .ok())
                .isTrue();
        JsonNode left = only(updates.next(), "my_chat_member");
        assertThat(left.get("from").get("id").asLong()).isEqualTo(bot.id());
        assertThat(status(left, "new_chat_member")).isEqualTo("left");
        // and my_chat_member is not sent to a bot that leaves it out
        chats.addMembers(group, List.of(bot.user())).join();
        assertThat(updates.allowing(List.of("message")).next()).isEmpty();
    }

    @Test
    void otherMembersChangesReachOnlyAnAdminBotThatAsksForChatMember() {
        TestUser owner = server.newUser("owner");
        TestUser carol = server.newUser("carol");
        TestBot admin = server.newBot(owner, "admin");
        TestBot plain = server.newBot(owner, "plain");
        ChatRequests chats = new ChatRequests(owner.client());
        long sg =
                chats.createChat(ChatKind.SUPERGROUP, "Watched", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(sg, List.of(admin.user(), plain.user())).join();
        chats.editAdmin(sg, admin.id(), AdminRights.newBuilder().setBanUsers(true).build()).join();
        Poller asking = new Poller(admin, WITH_MEMBERS);
        Poller plainAsking = new Poller(plain, WITH_MEMBERS);
        asking.next();
        plainAsking.next();

        chats.addMembers(sg, List.of(carol.user())).join();
        JsonNode joined = only(asking.next(), "chat_member");
        assertThat(joined.get("from").get("id").asLong()).isEqualTo(owner.id());
        assertThat(joined.get("new_chat_member").get("user").get("id").asLong())
                .isEqualTo(carol.id());
        assertThat(status(joined, "old_chat_member")).isEqualTo("left");
        assertThat(status(joined, "new_chat_member")).isEqualTo("member");

        long until = System.currentTimeMillis() / 1000 + 3600;
        chats.editRestrictions(
                        sg,
                        carol.user(),
                        Restrictions.newBuilder().setSendMedia(true).build(),
                        until)
                .join();
        JsonNode restricted = only(asking.next(), "chat_member");
        assertThat(status(restricted, "new_chat_member")).isEqualTo("restricted");
        assertThat(restricted.get("new_chat_member").get("until_date").asLong()).isEqualTo(until);
        assertThat(restricted.get("new_chat_member").get("can_send_messages").asBoolean()).isTrue();
        assertThat(restricted.get("new_chat_member").get("can_send_photos").asBoolean()).isFalse();

        // the admin bot bans over the Bot API: the change is from the bot
        long chatId = botChatId(sg, ChatKind.SUPERGROUP);
        assertThat(
                        admin.api()
                                .call(
                                        "banChatMember",
                                        Map.of("chat_id", chatId, "user_id", carol.id()))
                                .ok())
                .isTrue();
        JsonNode banned = only(asking.next(), "chat_member");
        assertThat(banned.get("from").get("id").asLong()).isEqualTo(admin.id());
        assertThat(status(banned, "old_chat_member")).isEqualTo("restricted");
        assertThat(status(banned, "new_chat_member")).isEqualTo("kicked");

        // a member bot asking for chat_member gets none of it
        assertThat(plainAsking.next()).isEmpty();

        // nor does the admin bot with the default allowed_updates
        chats.editRestrictions(sg, carol.user(), Restrictions.getDefaultInstance(), 0).join();
        assertThat(asking.allowing(List.of()).next()).isEmpty();
    }

    @Test
    void anAnonymousAdminIsTheGroupAnonymousBotAndNamedNowhere() throws Exception {
        TestUser owner = server.newUser("owner");
        TestUser hidden = server.newUser("zorabel");
        TestUser carol = server.newUser("carol");
        TestBot watcher = server.newBot(owner, "watcher");
        TestBot added = server.newBot(owner, "added");
        ChatRequests chats = new ChatRequests(owner.client());
        long sg =
                chats.createChat(ChatKind.SUPERGROUP, "Masked", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(sg, List.of(watcher.user(), hidden.user(), carol.user())).join();
        chats.editAdmin(sg, watcher.id(), AdminRights.newBuilder().setBanUsers(true).build())
                .join();
        chats.editAdmin(
                        sg,
                        hidden.id(),
                        AdminRights.newBuilder()
                                .setAnonymous(true)
                                .setBanUsers(true)
                                .setInviteUsers(true)
                                .build())
                .join();
        Poller watching = new Poller(watcher, WITH_MEMBERS);
        Poller addedBot = new Poller(added, WITH_MEMBERS);
        watching.next();

        ChatRequests masked = new ChatRequests(hidden.client());
        masked.editRestrictions(
                        sg,
                        carol.user(),
                        Restrictions.newBuilder().setViewMessages(true).build(),
                        0)
                .join();
        masked.addMembers(sg, List.of(added.user())).join();

        String raw = watching.raw();
        String addedRaw = addedBot.raw();
        List<JsonNode> seen = watching.next();
        assertThat(seen).hasSize(2);
        for (JsonNode u : seen) {
            JsonNode from = u.get("chat_member").get("from");
            assertThat(from.get("id").asLong()).isEqualTo(1_087_968_824L);
            assertThat(from.get("username").asText()).isEqualTo("GroupAnonymousBot");
        }
        JsonNode ownAdd = only(addedBot.next(), "my_chat_member");
        assertThat(ownAdd.get("from").get("username").asText()).isEqualTo("GroupAnonymousBot");
        assertThat(raw).contains("GroupAnonymousBot").contains(carol.username());
        assertThat(addedRaw).contains("GroupAnonymousBot");
        for (String bytes : List.of(raw, addedRaw)) {
            assertThat(bytes).doesNotContain(hidden.username()).doesNotContain("zorabel");
            assertThat(BotHttp.JSON.readTree(bytes).findValues("id"))
                    .extracting(JsonNode::asLong)
                    .doesNotContain(hidden.id());
        }
    }

    @Test
    void aJoinRequestReachesAnAdminBotWithInviteUsersWhichApprovesOrDeclinesIt() {
        TestUser owner = server.newUser("owner");
        TestUser erin = server.newUser("erin");
        TestUser frank = server.newUser("frank");
        TestBot door = server.newBot(owner, "door");
        TestBot pinner = server.newBot(owner, "pinner");
        TestBot plain = server.newBot(owner, "plain");
        ChatRequests chats = new ChatRequests(owner.client());
        long sg =
                chats.createChat(ChatKind.SUPERGROUP, "Gated", "", List.of())
                        .join()
                        .getChat()
                        .getId();
        chats.addMembers(sg, List.of(door.user(), pinner.user(), plain.user())).join();
        chats.editAdmin(sg, door.id(), AdminRights.newBuilder().setInviteUsers(true).build())
                .join();
        chats.editAdmin(sg, pinner.id(), AdminRights.newBuilder().setPinMessages(true).build())
                .join();
        String hash =
                chats.createInviteLink(
                                CreateInviteLink.newBuilder()
                                        .setChatId(sg)
                                        .setRequiresApproval(true)
                                        .build())
                        .join()
                        .getHash();
        Poller doorman = new Poller(door, WITH_MEMBERS);
        Poller pinning = new Poller(pinner, WITH_MEMBERS);
        Poller member = new Poller(plain, WITH_MEMBERS);
        doorman.next();
        pinning.next();
        member.next();

        for (TestUser u : List.of(erin, frank)) {
            assertThatThrownBy(() -> new ChatRequests(u.client()).joinByInvite(hash).join())
                    .hasMessageContaining("approval");
        }
        List<JsonNode> requests = doorman.next();
        assertThat(requests).hasSize(2);
        JsonNode first = requests.get(0).get("chat_join_request");
        long chatId = botChatId(sg, ChatKind.SUPERGROUP);
        assertThat(first.get("chat").get("id").asLong()).isEqualTo(chatId);
        assertThat(first.get("from").get("id").asLong()).isEqualTo(erin.id());
        assertThat(first.get("user_chat_id").asLong()).isEqualTo(erin.id());
        assertThat(first.get("date").asLong()).isPositive();
        assertThat(requests.get(1).get("chat_join_request").get("from").get("id").asLong())
                .isEqualTo(frank.id());
        // an admin bot without invite_users and a member bot are not told
        assertThat(pinning.next()).isEmpty();
        assertThat(member.next()).isEmpty();

        assertThat(
                        door.api()
                                .call(
                                        "approveChatJoinRequest",
                                        Map.of("chat_id", chatId, "user_id", erin.id()))
                                .ok())
                .isTrue();
        assertThat(
                        door.api()
                                .call(
                                        "declineChatJoinRequest",
                                        Map.of("chat_id", chatId, "user_id", frank.id()))
                                .ok())
                .isTrue();
        JsonNode approved = only(doorman.next(), "chat_member");
        assertThat(approved.get("from").get("id").asLong()).isEqualTo(door.id());
        assertThat(approved.get("new_chat_member").get("user").get("id").asLong())
                .isEqualTo(erin.id());
        assertThat(status(approved, "new_chat_member")).isEqualTo("member");
        assertThat(member(door, chatId, erin)).isEqualTo("member");
        assertThat(member(door, chatId, frank)).isEqualTo("left");
        // the pinning admin bot sees the approval as a chat_member change
        assertThat(only(pinning.next(), "chat_member").get("from").get("id").asLong())
                .isEqualTo(door.id());
    }

    private static String member(TestBot bot, long chatId, TestUser user) {
        return bot.api()
                .call("getChatMember", Map.of("chat_id", chatId, "user_id", user.id()))
                .result()
                .get("status")
                .asText();
    }
}
