package org.chapar.testkit;

import org.chapar.protocol.User;

/**
 * A bot created by a test user, with its token and a client of its Bot API: {@code
 * bot.api().call("getMe")}.
 */
public record TestBot(User user, String token, TestUser owner, BotHttp api) {
    public long id() {
        return user.getId();
    }

    public String username() {
        return user.getUsername();
    }
}
