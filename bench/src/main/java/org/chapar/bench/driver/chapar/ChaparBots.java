package org.chapar.bench.driver.chapar;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.protocol.AddChatMembers;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateBot;
import org.chapar.protocol.EditAdmin;
import org.chapar.protocol.InputUser;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bots made by a person's client, as {@code chapar bot create} makes them (CreateBot), and bots
 * made admins of a channel (AddChatMembers, then EditAdmin with post_messages).
 */
public final class ChaparBots {
    private static final AtomicLong NAMES = new AtomicLong();

    private ChaparBots() {}

    /** A bot: its account (users write to it by id and access hash) and its Bot API token. */
    public record Bot(Account account, String token) {}

    /** A new bot owned by {@code owner}, with a username of this run's own. */
    public static CompletableFuture<Bot> create(BenchClient owner) {
        // 5-32 of [a-z0-9_], ending in "bot"
        String username =
                "b"
                        + Long.toString(System.currentTimeMillis(), 36)
                        + "_"
                        + Long.toString(NAMES.incrementAndGet(), 36)
                        + "_bot";
        return ((ChaparClient) owner)
                .call(
                        ClientFrame.newBuilder()
                                .setCreateBot(CreateBot.newBuilder().setUsername(username)))
                .thenApply(
                        f -> {
                            var t = f.getBotToken();
                            return new Bot(
                                    new Account(
                                            username,
                                            "",
                                            t.getBot().getId(),
                                            t.getBot().getAccessHash(),
                                            ""),
                                    t.getToken());
                        });
    }

    /** Adds the bot to the owner's channel and lets it post there. */
    public static CompletableFuture<Void> makePoster(BenchClient owner, String channel, Bot bot) {
        ChaparClient c = (ChaparClient) owner;
        long chat = Long.parseLong(channel);
        Account b = bot.account();
        return c.call(
                        ClientFrame.newBuilder()
                                .setAddChatMembers(
                                        AddChatMembers.newBuilder()
                                                .setChatId(chat)
                                                .addUsers(
                                                        InputUser.newBuilder()
                                                                .setUserId(b.id())
                                                                .setAccessHash(b.accessHash()))))
                .thenCompose(
                        x ->
                                c.call(
                                        ClientFrame.newBuilder()
                                                .setEditAdmin(
                                                        EditAdmin.newBuilder()
                                                                .setChatId(chat)
                                                                .setUserId(b.id())
                                                                .setRights(
                                                                        AdminRights.newBuilder()
                                                                                .setPostMessages(
                                                                                        true)))))
                .thenApply(x -> null);
    }
}
