package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.Restrictions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

class ChatOptionsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran"); // +03:30

    @Test
    void adminRightsAreTheProtocolNames() {
        AdminRights r = ChatOptions.adminRights("change_info, post_messages,ban-users");
        assertThat(r)
                .isEqualTo(
                        AdminRights.newBuilder()
                                .setChangeInfo(true)
                                .setPostMessages(true)
                                .setBanUsers(true)
                                .build());
        assertThat(ChatOptions.names(r))
                .containsExactly("change_info", "post_messages", "ban_users");
        AdminRights all =
                ChatOptions.adminRights(
                        "change_info,post_messages,edit_messages,delete_messages,ban_users,invite_users,pin_messages,add_admins,anonymous,manage_call");
        assertThat(ChatOptions.names(all)).hasSize(10);
    }

    @Test
    void noneAndEmptyAreNoRight() {
        assertThat(ChatOptions.adminRights("none")).isEqualTo(AdminRights.getDefaultInstance());
        assertThat(ChatOptions.restrictions("")).isEqualTo(Restrictions.getDefaultInstance());
    }

    @Test
    void unknownNamesAreUsageErrorsListingTheKnownOnes() {
        assertThatThrownBy(() -> ChatOptions.adminRights("post_messages,fly"))
                .isInstanceOf(Failures.CliFailure.class)
                .hasMessageStartingWith("unknown right 'fly'; known: change_info, post_messages")
                .satisfies(e -> assertThat(((Failures.CliFailure) e).exit).isEqualTo(2));
        assertThatThrownBy(() -> ChatOptions.restrictions("post_messages"))
                .hasMessageStartingWith(
                        "unknown restriction 'post_messages'; known: view_messages");
    }

    @Test
    void restrictionsAreTheProtocolNames() {
        Restrictions r = ChatOptions.restrictions("send_messages,embed_links,view_messages");
        assertThat(r)
                .isEqualTo(
                        Restrictions.newBuilder()
                                .setSendMessages(true)
                                .setEmbedLinks(true)
                                .setViewMessages(true)
                                .build());
    }

    @Test
    void timesFromNow() {
        assertThat(ChatOptions.time("30m", NOW, TEHRAN)).isEqualTo(NOW.getEpochSecond() + 1800);
        assertThat(ChatOptions.time("2h", NOW, TEHRAN)).isEqualTo(NOW.getEpochSecond() + 7200);
        assertThat(ChatOptions.time("7d", NOW, TEHRAN)).isEqualTo(NOW.getEpochSecond() + 7 * 86400);
        assertThat(ChatOptions.time("1W", NOW, TEHRAN)).isEqualTo(NOW.getEpochSecond() + 7 * 86400);
        assertThat(ChatOptions.time("45s", NOW, TEHRAN)).isEqualTo(NOW.getEpochSecond() + 45);
        assertThat(ChatOptions.time("never", NOW, TEHRAN)).isZero();
    }

    @Test
    void absoluteTimes() {
        assertThat(ChatOptions.time("2026-12-01T10:00:00Z", NOW, TEHRAN))
                .isEqualTo(Instant.parse("2026-12-01T10:00:00Z").getEpochSecond());
        assertThat(ChatOptions.time("2026-12-01T10:00", NOW, TEHRAN))
                .isEqualTo(Instant.parse("2026-12-01T06:30:00Z").getEpochSecond());
        assertThat(ChatOptions.time("2026-12-01", NOW, TEHRAN))
                .isEqualTo(Instant.parse("2026-11-30T20:30:00Z").getEpochSecond());
    }

    @Test
    void unreadableTimesAreUsageErrors() {
        assertThatThrownBy(() -> ChatOptions.time("tomorrow", NOW, TEHRAN))
                .isInstanceOf(Failures.CliFailure.class)
                .hasMessageContaining("cannot read the time 'tomorrow'");
        assertThatThrownBy(() -> ChatOptions.time("5y", NOW, TEHRAN))
                .isInstanceOf(Failures.CliFailure.class);
    }

    @Test
    void endDatesAreInTheFutureAndAtMostAYearAhead() {
        long now = NOW.getEpochSecond();
        assertThat(ChatOptions.time("366d", NOW, TEHRAN)).isEqualTo(now + 366 * 86400);
        assertThat(ChatOptions.time("52w", NOW, TEHRAN)).isEqualTo(now + 52 * 7 * 86400);
        for (String tooFar :
                new String[] {
                    "367d",
                    "53w",
                    "999999999999999d",
                    "99999999999999999999999999s",
                    "2099-01-01",
                    "+999999999-12-31T23:59:59Z"
                }) {
            assertThatThrownBy(() -> ChatOptions.time(tooFar, NOW, TEHRAN))
                    .as(tooFar)
                    .isInstanceOf(Failures.CliFailure.class)
                    .hasMessageContaining("more than 366 days ahead")
                    .satisfies(e -> assertThat(((Failures.CliFailure) e).exit).isEqualTo(2));
        }
        for (String past : new String[] {"0s", "2020-01-01", "2026-11-23T12:00:00Z"}) {
            assertThatThrownBy(() -> ChatOptions.time(past, NOW, TEHRAN))
                    .as(past)
                    .isInstanceOf(Failures.CliFailure.class)
                    .hasMessageContaining("is not in the future");
        }
        assertThatThrownBy(() -> ChatOptions.time("-999999999-01-01", NOW, TEHRAN))
                .isInstanceOf(Failures.CliFailure.class);
    }

    @Test
    void chatAddresses() {
        assertThat(ChatTargets.chatId("chat#42")).isEqualTo(42L);
        assertThat(ChatTargets.chatId("#42")).isEqualTo(42L);
        assertThat(ChatTargets.chatId("@news")).isNull();
        assertThatThrownBy(() -> ChatTargets.chatId("chat#x"))
                .isInstanceOf(Failures.CliFailure.class);
        assertThatThrownBy(() -> ChatTargets.chatId("#0")).isInstanceOf(Failures.CliFailure.class);
    }

    @Test
    void inviteLinks() {
        assertThat(ChatCommands.Join.inviteHash("chapar:join/AbC_1")).isEqualTo("AbC_1");
        assertThat(ChatCommands.Join.inviteHash("https://chapar.example/join/AbC_1"))
                .isEqualTo("AbC_1");
        assertThat(ChatCommands.Join.inviteHash("AbC_1")).isEqualTo("AbC_1");
        assertThat(ChatCommands.Join.inviteHash("@news")).isNull();
        assertThat(ChatCommands.Join.inviteHash("chat#5")).isNull();
    }
}
