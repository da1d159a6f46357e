package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ChatMember;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.MemberStatus;
import org.junit.jupiter.api.Test;

/** Human lines never fail on what a server sends, however odd. */
class TextViewTest {

    @Test
    void anyUnixTimeIsShown() {
        assertThat(TextView.time(0)).isEqualTo("-");
        assertThat(TextView.time(1_700_000_000)).matches("2023-11-1\\d \\d\\d:\\d\\d");
        assertThat(TextView.time(253_402_300_799L))
                .as("the last second of 9999, in any zone")
                .matches("(9999-12-3\\d|\\+10000-01-01) \\d\\d:\\d\\d");
        assertThat(TextView.time(Long.MAX_VALUE)).isEqualTo("unix time " + Long.MAX_VALUE);
        assertThat(TextView.time(253_402_300_800L)).isEqualTo("unix time 253402300800");
        assertThat(TextView.time(-1)).isEqualTo("unix time -1");
        assertThat(TextView.time(Long.MIN_VALUE)).isEqualTo("unix time " + Long.MIN_VALUE);
    }

    @Test
    void membersAndLinksWithDatesBeyondAnyCalendarAreListed() {
        ChatMember m =
                ChatMember.newBuilder()
                        .setUserId(7)
                        .setStatus(MemberStatus.BANNED)
                        .setUntilDate(Long.MAX_VALUE)
                        .build();
        assertThat(ChatView.memberText(m, new Names()))
                .endsWith("until unix time " + Long.MAX_VALUE);
        InviteLink l = InviteLink.newBuilder().setHash("h").setExpireDate(Long.MAX_VALUE).build();
        assertThat(ChatView.inviteText(l)).contains("expires unix time " + Long.MAX_VALUE);
    }
}
