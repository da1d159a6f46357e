package org.chapar.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MemberStatus;
import org.chapar.server.core.ApiException;
import org.junit.jupiter.api.Test;

class AccessTest {
    private static final long NOW = 1_000_000;

    private static ChatRecord chat(ChatKind kind, String username, int defaults) {
        return new ChatRecord(1, kind, "t", "", username, 10, false, 0, defaults, 0, 1, 0, 0);
    }

    private static MemberRecord member(MemberStatus s, int admin, int banned, long until) {
        return new MemberRecord(1, 20, s, admin, banned, until, 0, 0, 0, 0, 0);
    }

    private static Access access(ChatRecord c, MemberRecord m) {
        return new Access(c, Access.effective(m, NOW), NOW);
    }

    private static ErrorCode refusal(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.code();
        }
        return null;
    }

    @Test
    void restrictionsAndBansEndAtTheirUntilDate() {
        MemberRecord restricted = member(MemberStatus.MEMBER, 0, Rights.SEND, NOW + 1);
        assertThat(Access.effective(restricted, NOW).bannedRights()).isEqualTo(Rights.SEND);
        assertThat(Access.effective(restricted, NOW + 1).bannedRights()).isZero();
        MemberRecord banned = member(MemberStatus.BANNED, 0, Rights.VIEW, NOW + 1);
        assertThat(Access.effective(banned, NOW).status()).isEqualTo(MemberStatus.BANNED);
        assertThat(Access.effective(banned, NOW + 1).status()).isEqualTo(MemberStatus.LEFT);
        MemberRecord forever = member(MemberStatus.BANNED, 0, Rights.VIEW, 0);
        assertThat(Access.effective(forever, Long.MAX_VALUE).status())
                .isEqualTo(MemberStatus.BANNED);
    }

    @Test
    void keptRestrictionsExpireWhateverTheStatusAndWaitWhileTheUserIsAnAdmin() {
        MemberRecord left = member(MemberStatus.LEFT, 0, Rights.SEND, NOW + 1);
        assertThat(Access.effective(left, NOW).bannedRights()).isEqualTo(Rights.SEND);
        assertThat(Access.effective(left, NOW + 1).bannedRights()).isZero();
        ChatRecord group = chat(ChatKind.SUPERGROUP, "", 0);
        Access admin =
                access(group, member(MemberStatus.ADMIN, Rights.DELETE_MESSAGES, Rights.PIN, 0));
        assertThat(
                        refusal(
                                () ->
                                        admin.requirePermission(
                                                Rights.PIN, Rights.PIN_MESSAGES, "pin_messages")))
                .isNull();
        Access member = access(group, member(MemberStatus.MEMBER, 0, Rights.PIN, 0));
        assertThat(
                        refusal(
                                () ->
                                        member.requirePermission(
                                                Rights.PIN, Rights.PIN_MESSAGES, "pin_messages")))
                .isEqualTo(ErrorCode.CHAT_WRITE_FORBIDDEN);
    }

    @Test
    void chatDefaultsRestrictMembersButNotAdmins() {
        ChatRecord group = chat(ChatKind.SUPERGROUP, "", Rights.SEND | Rights.PIN);
        Access m = access(group, member(MemberStatus.MEMBER, 0, 0, 0));
        assertThat(
                        refusal(
                                () ->
                                        m.requirePermission(
                                                Rights.SEND,
                                                Rights.POST_MESSAGES,
                                                "send_messages")))
                .isEqualTo(ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertThat(
                        refusal(
                                () ->
                                        m.requirePermission(
                                                Rights.INFO, Rights.CHANGE_INFO, "change_info")))
                .isNull();
        Access admin = access(group, member(MemberStatus.ADMIN, Rights.DELETE_MESSAGES, 0, 0));
        assertThat(
                        refusal(
                                () ->
                                        admin.requirePermission(
                                                Rights.SEND,
                                                Rights.POST_MESSAGES,
                                                "send_messages")))
                .isNull();
        assertThat(
                        refusal(
                                () ->
                                        admin.requirePermission(
                                                Rights.PIN, Rights.PIN_MESSAGES, "pin_messages")))
                .isEqualTo(ErrorCode.CHAT_WRITE_FORBIDDEN);
    }

    @Test
    void inChannelsOnlyAdminRightsCount() {
        ChatRecord channel = chat(ChatKind.CHANNEL, "news", 0);
        Access subscriber = access(channel, member(MemberStatus.MEMBER, 0, 0, 0));
        assertThat(
                        refusal(
                                () ->
                                        subscriber.requirePermission(
                                                Rights.SEND,
                                                Rights.POST_MESSAGES,
                                                "post_messages")))
                .isEqualTo(ErrorCode.CHAT_WRITE_FORBIDDEN);
        assertThat(
                        refusal(
                                () ->
                                        subscriber.requirePermission(
                                                Rights.PIN, Rights.PIN_MESSAGES, "pin_messages")))
                .isEqualTo(ErrorCode.CHAT_ADMIN_REQUIRED);
        Access poster = access(channel, member(MemberStatus.ADMIN, Rights.POST_MESSAGES, 0, 0));
        assertThatCode(
                        () ->
                                poster.requirePermission(
                                        Rights.SEND, Rights.POST_MESSAGES, "post_messages"))
                .doesNotThrowAnyException();
        assertThat(poster.anonymous()).isTrue();
        assertThat(poster.visibleActor()).isZero();
    }

    @Test
    void publicChatsAreReadableByOutsidersButNotByTheBanned() {
        Access outsider =
                access(chat(ChatKind.CHANNEL, "news", 0), member(MemberStatus.LEFT, 0, 0, 0));
        assertThatCode(outsider::requireReader).doesNotThrowAnyException();
        assertThat(refusal(outsider::requireMember)).isEqualTo(ErrorCode.USER_NOT_PARTICIPANT);
        Access privateOutsider =
                access(chat(ChatKind.CHANNEL, "", 0), member(MemberStatus.LEFT, 0, 0, 0));
        assertThat(refusal(privateOutsider::requireReader)).isEqualTo(ErrorCode.CHANNEL_PRIVATE);
        Access banned =
                access(
                        chat(ChatKind.CHANNEL, "news", 0),
                        member(MemberStatus.BANNED, 0, Rights.VIEW, 0));
        assertThat(refusal(banned::requireReader)).isEqualTo(ErrorCode.USER_BANNED_IN_CHANNEL);
    }

    @Test
    void aCreatorHoldsEveryRightButIsAnonymousOnlyByChoice() {
        ChatRecord group = chat(ChatKind.GROUP, "", 0);
        Access creator = access(group, MemberRecord.joined(1, 10, MemberStatus.CREATOR, NOW, 0));
        assertThat(creator.adminRights()).isEqualTo(Rights.ALL_ADMIN);
        assertThat(creator.anonymous()).isFalse();
        Access anon = access(group, member(MemberStatus.ADMIN, Rights.ANONYMOUS, 0, 0));
        assertThat(anon.visibleActor()).isZero();
        assertThatThrownBy(
                        () ->
                                access(group, member(MemberStatus.MEMBER, 0, 0, 0))
                                        .requireAdmin(Rights.BAN_USERS, "ban_users"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void rightsSurviveTheirWireForm() {
        for (int bits = 0; bits <= Rights.ALL_ADMIN; bits += 37) {
            assertThat(Rights.admin(Rights.admin(bits))).isEqualTo(bits);
        }
        for (int bits = 0; bits < 128; bits++) {
            assertThat(Rights.banned(Rights.banned(bits))).isEqualTo(bits);
        }
    }
}
