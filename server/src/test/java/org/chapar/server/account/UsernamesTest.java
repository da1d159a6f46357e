package org.chapar.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.server.core.ApiException;
import org.junit.jupiter.api.Test;

class UsernamesTest {
    @Test
    void acceptsFiveToThirtyTwoLettersDigitsAndUnderscores() {
        assertThat(Usernames.require("@Alice_1")).isEqualTo("Alice_1");
        assertThat(Usernames.require("a".repeat(32))).hasSize(32);
    }

    @Test
    void refusesEverythingElse() {
        for (String bad :
                new String[] {"abcd", "a".repeat(33), "ali ce", "alicé", "ali-ce", "", "@"}) {
            assertThatThrownBy(() -> Usernames.require(bad))
                    .as(bad)
                    .isInstanceOf(ApiException.class);
        }
    }

    @Test
    void lookAlikesAndCaseShareOneSkeleton() {
        String police = Usernames.skeleton("cyberpolice");
        assertThat(Usernames.skeleton("CyberpoIice")).isEqualTo(police);
        assertThat(Usernames.skeleton("cyberp0lice")).isEqualTo(police);
        assertThat(Usernames.skeleton("@CYBERP0L1CE")).isEqualTo(police);
        assertThat(Usernames.skeleton("modern_news")).isEqualTo(Usernames.skeleton("rnodern_news"));
        assertThat(Usernames.skeleton("cyberpolize")).isNotEqualTo(police);
    }
}
