package org.chapar.server.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.JoinRequested;
import org.chapar.protocol.MemberChanged;
import org.chapar.protocol.MemberState;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Update;
import org.chapar.server.chat.ChatRecord;
import org.chapar.server.chat.Rights;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreFixture;
import org.chapar.server.store.sqlite.SqliteStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** The ChatMemberUpdated and ChatJoinRequest objects a bot's box events become. */
class MemberUpdatesTest extends StoreFixture {
    @TempDir Path dir;

    private long owner;
    private long bot;
    private long alice;
    private long group;

    @Override
    protected Store openEmpty() {
        return SqliteStore.open(dir, 2, true, 16);
    }

    @BeforeEach
    void accounts() {
        owner = write(tx -> tx.accounts().create("owner", "Owner", "", 1));
        alice = write(tx -> tx.accounts().create("alice", "Alice", "", 1));
        bot = write(tx -> tx.accounts().create("door_bot", "Door", "", 1));
        write(
                tx -> {
                    tx.bots().create(bot, owner, new byte[] {1}, 1);
                    return null;
                });
        group = chat(ChatKind.SUPERGROUP, "Club");
    }

    private long chat(ChatKind kind, String title) {
        return write(
                tx ->
                        tx.sharedChats()
                                .create(
                                        new ChatRecord(
                                                0, kind, title, "", "", owner, false, 0, 0, 0, 0, 0,
                                                1)));
    }

    private static MemberState state(MemberStatus s, int admin, int banned, long until) {
        return MemberState.newBuilder()
                .setStatus(s)
                .setAdminRights(Rights.admin(admin))
                .setRestrictions(Rights.banned(banned))
                .setUntilDate(until)
                .build();
    }

    private static Update changed(
            long chat, long user, long actor, MemberState before, MemberState after) {
        return Update.newBuilder()
                .setPts(7)
                .setPtsCount(1)
                .setMemberChanged(
                        MemberChanged.newBuilder()
                                .setChatId(chat)
                                .setUserId(user)
                                .setActorId(actor)
                                .setDate(1234)
                                .setOldMember(before)
                                .setNewMember(after))
                .build();
    }

    private Optional<ObjectNode> translate(Update u, Set<String> allowed) {
        return read(
                tx ->
                        UpdateTranslator.translate(
                                tx, new BotFileIds(new byte[32]).forBot(bot), u, allowed));
    }

    @Test
    void theBotPromotedIsItsOwnChatMemberUpdateWithWhoDidItAndBothStates() {
        Update u =
                changed(
                        group,
                        bot,
                        owner,
                        state(MemberStatus.MEMBER, 0, 0, 0),
                        state(MemberStatus.ADMIN, Rights.INVITE_USERS | Rights.BAN_USERS, 0, 0));
        JsonNode out = translate(u, Set.of()).orElseThrow();
        assertThat(out.get("update_id").asLong()).isEqualTo(7);
        JsonNode m = out.get("my_chat_member");
        assertThat(m.get("chat").get("title").asText()).isEqualTo("Club");
        assertThat(m.get("chat").get("type").asText()).isEqualTo("supergroup");
        assertThat(m.get("from").get("id").asLong()).isEqualTo(owner);
        assertThat(m.get("date").asLong()).isEqualTo(1234);
        assertThat(m.get("old_chat_member").get("status").asText()).isEqualTo("member");
        JsonNode now = m.get("new_chat_member");
        assertThat(now.get("status").asText()).isEqualTo("administrator");
        assertThat(now.get("user").get("id").asLong()).isEqualTo(bot);
        assertThat(now.get("can_invite_users").asBoolean()).isTrue();
        assertThat(now.get("can_restrict_members").asBoolean()).isTrue();
        assertThat(now.get("can_promote_members").asBoolean()).isFalse();
        assertThat(translate(u, Set.of("message"))).isEmpty();
    }

    @Test
    void anotherMembersChangeIsChatMemberOnlyForABotThatAsksForIt() {
        Update u =
                changed(
                        group,
                        alice,
                        owner,
                        state(MemberStatus.MEMBER, 0, 0, 0),
                        state(MemberStatus.MEMBER, 0, Rights.SEND_MEDIA, 5000));
        assertThat(translate(u, Set.of())).isEmpty();
        assertThat(translate(u, Set.of("my_chat_member"))).isEmpty();
        JsonNode m = translate(u, Set.of("chat_member")).orElseThrow().get("chat_member");
        JsonNode now = m.get("new_chat_member");
        assertThat(now.get("status").asText()).isEqualTo("restricted");
        assertThat(now.get("is_member").asBoolean()).isTrue();
        assertThat(now.get("until_date").asLong()).isEqualTo(5000);
        assertThat(now.get("can_send_messages").asBoolean()).isTrue();
        assertThat(now.get("can_send_photos").asBoolean()).isFalse();
        assertThat(now.get("user").get("first_name").asText()).isEqualTo("Alice");
    }

    @Test
    void aBanAndALeavingShowAsKickedAndLeft() {
        Update ban =
                changed(
                        group,
                        alice,
                        owner,
                        state(MemberStatus.MEMBER, 0, 0, 0),
                        state(MemberStatus.BANNED, 0, Rights.VIEW, 0));
        JsonNode m = translate(ban, Set.of("chat_member")).orElseThrow().get("chat_member");
        assertThat(m.get("new_chat_member").get("status").asText()).isEqualTo("kicked");
        assertThat(m.get("new_chat_member").get("until_date").asLong()).isZero();
        Update left =
                changed(
                        group,
                        bot,
                        bot,
                        state(MemberStatus.MEMBER, 0, 0, 0),
                        state(MemberStatus.LEFT, 0, 0, 0));
        JsonNode own = translate(left, Set.of()).orElseThrow().get("my_chat_member");
        assertThat(own.get("new_chat_member").get("status").asText()).isEqualTo("left");
        assertThat(own.get("from").get("id").asLong()).isEqualTo(bot);
    }

    @Test
    void anAnonymousActorIsTheGroupAnonymousBot() {
        Update u =
                changed(
                        group,
                        alice,
                        0,
                        state(MemberStatus.MEMBER, 0, 0, 0),
                        state(MemberStatus.ADMIN, Rights.PIN_MESSAGES, 0, 0));
        JsonNode from =
                translate(u, Set.of("chat_member")).orElseThrow().get("chat_member").get("from");
        assertThat(from.get("id").asLong()).isEqualTo(TelegramObjects.GROUP_ANONYMOUS_BOT);
        assertThat(from.get("username").asText()).isEqualTo("GroupAnonymousBot");
        assertThat(from.get("is_bot").asBoolean()).isTrue();
    }

    @Test
    void aChannelAdminHasPostAndEditRights() {
        long channel = chat(ChatKind.CHANNEL, "News");
        Update u =
                changed(
                        channel,
                        bot,
                        owner,
                        state(MemberStatus.LEFT, 0, 0, 0),
                        state(MemberStatus.ADMIN, Rights.POST_MESSAGES, 0, 0));
        JsonNode m = translate(u, Set.of()).orElseThrow().get("my_chat_member");
        assertThat(m.get("chat").get("type").asText()).isEqualTo("channel");
        assertThat(m.get("old_chat_member").get("status").asText()).isEqualTo("left");
        assertThat(m.get("new_chat_member").get("can_post_messages").asBoolean()).isTrue();
        assertThat(m.get("new_chat_member").get("can_edit_messages").asBoolean()).isFalse();
    }

    @Test
    void aChangeInAChatThatIsGoneOrByADeletedActorIsNothing() {
        Update gone =
                changed(
                        9_999,
                        bot,
                        owner,
                        state(MemberStatus.LEFT, 0, 0, 0),
                        state(MemberStatus.MEMBER, 0, 0, 0));
        assertThat(translate(gone, Set.of())).isEmpty();
        Update ghost =
                changed(
                        group,
                        bot,
                        9_999,
                        state(MemberStatus.LEFT, 0, 0, 0),
                        state(MemberStatus.MEMBER, 0, 0, 0));
        assertThat(translate(ghost, Set.of())).isEmpty();
    }

    @Test
    void aJoinRequestIsChatJoinRequestInTheDefaultSet() {
        Update u =
                Update.newBuilder()
                        .setPts(9)
                        .setPtsCount(1)
                        .setBotJoinRequest(
                                JoinRequested.newBuilder()
                                        .setChatId(group)
                                        .setUserId(alice)
                                        .setDate(4321))
                        .build();
        JsonNode r = translate(u, Set.of()).orElseThrow();
        assertThat(r.get("update_id").asLong()).isEqualTo(9);
        JsonNode j = r.get("chat_join_request");
        assertThat(j.get("chat").get("title").asText()).isEqualTo("Club");
        assertThat(j.get("from").get("id").asLong()).isEqualTo(alice);
        assertThat(j.get("user_chat_id").asLong()).isEqualTo(alice);
        assertThat(j.get("date").asLong()).isEqualTo(4321);
        assertThat(translate(u, Set.of("message", "chat_member"))).isEmpty();
    }

    @Test
    void theDefaultSetIsEveryKindButChatMember() {
        for (String kind : UpdateTranslator.KINDS) {
            assertThat(UpdateTranslator.wanted(Set.of(), kind))
                    .as(kind)
                    .isEqualTo(!kind.equals("chat_member"));
        }
        assertThat(UpdateTranslator.wanted(Set.of("chat_member"), "chat_member")).isTrue();
        assertThat(UpdateTranslator.wanted(Set.of("chat_member"), "message")).isFalse();
    }
}
