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
    void displayNamesLoseControlCharactersAndAreCut() {
        assertThat(AccountService.clean("  Bo\u0000b\n ", 64)).isEqualTo("Bob");
        assertThat(AccountService.clean("\uD83D\uDE00".repeat(70), 64).codePointCount(0, 128))
                .isEqualTo(64);
    }
}
