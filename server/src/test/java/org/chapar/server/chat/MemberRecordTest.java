package org.chapar.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.MemberStatus;
import org.junit.jupiter.api.Test;

/** The copy-with methods change what they name and keep the rest of the membership. */
class MemberRecordTest {
    private static final MemberRecord ADMIN =
            new MemberRecord(
                    1, 20, MemberStatus.ADMIN, Rights.BAN_USERS, Rights.SEND, 500, 100, 7, 8, 9, 0);

    @Test
    void demotingDropsAdminRightsAndThePromoterButKeepsRestrictions() {
        MemberRecord banned = ADMIN.demotedTo(MemberStatus.BANNED);
        assertThat(banned)
                .isEqualTo(
                        new MemberRecord(
                                1, 20, MemberStatus.BANNED, 0, Rights.SEND, 500, 100, 7, 0, 9, 0));
    }

    @Test
    void grantingRightsMakesAnAdminAndNoRightsAPlainMember() {
        MemberRecord member = ADMIN.demotedTo(MemberStatus.MEMBER);
        MemberRecord promoted = member.withAdminRights(Rights.PIN_MESSAGES, 30);
        assertThat(promoted.status()).isEqualTo(MemberStatus.ADMIN);
        assertThat(promoted.adminRights()).isEqualTo(Rights.PIN_MESSAGES);
        assertThat(promoted.promotedBy()).isEqualTo(30);
        assertThat(promoted.bannedRights()).isEqualTo(Rights.SEND);

        assertThat(promoted.withAdminRights(0, 30)).isEqualTo(member);
    }

    @Test
    void restrictionsChangeAloneAndLeavingKeepsThem() {
        MemberRecord lifted = ADMIN.withRestrictions(0, 0);
        assertThat(lifted)
                .isEqualTo(
                        new MemberRecord(
                                1,
                                20,
                                MemberStatus.ADMIN,
                                Rights.BAN_USERS,
                                0,
                                0,
                                100,
                                7,
                                8,
                                9,
                                0));
        assertThat(ADMIN.leftAt(600).leftDate()).isEqualTo(600);
        assertThat(ADMIN.leftAt(600).bannedRights()).isEqualTo(Rights.SEND);
    }
}
