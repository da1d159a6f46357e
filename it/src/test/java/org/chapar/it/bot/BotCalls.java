package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.Peers;
import org.chapar.protocol.Message;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.TestBot;
import org.chapar.testkit.TestUser;

/** Assertions on Bot API answers and a user's view, shared by the method tests. */
final class BotCalls {
    private BotCalls() {}

    /** The result of a call that must succeed. */
    static JsonNode ok(BotHttp.Reply r) {
        assertThat(r.ok()).as(r.body().toString()).isTrue();
        return r.result();
    }

    /** A call refused with 400 and Telegram's description. */
    static void refused(BotHttp.Reply r, String description) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
        assertThat(r.description()).isEqualTo(description);
    }

    /** A call refused because the bot lacks an admin right (the rule's own words follow). */
    static void lacksRights(BotHttp.Reply r) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
        assertThat(r.description()).startsWith("Bad Request: not enough rights: ");
    }

    /** The user starts the bot (so that it may write to them); answers the /start's id. */
    static long started(TestUser user, TestBot bot) {
        return user.client()
                .sendMessage(Peers.user(bot.user()), "/start")
                .join()
                .getMessage()
                .getId();
    }

    /** The new message with this text, as the user's client got it. */
    static Message seenBy(TestUser user, String text) {
        return user.updates().awaitOne(newMessage(text)).getNewMessage().getMessage();
    }

    /** The Bot API id of a supergroup or channel. */
    static long chatId(long sharedChat) {
        return -1_000_000_000_000L - sharedChat;
    }
}
