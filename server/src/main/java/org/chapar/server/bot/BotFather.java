package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.BotToken;
import org.chapar.protocol.KeyboardButton;
import org.chapar.protocol.KeyboardRow;
import org.chapar.protocol.Peer;
import org.chapar.protocol.ReplyMarkup;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.User;
import org.chapar.server.account.Usernames;
import org.chapar.server.core.Randoms;
import org.chapar.server.message.Conversations;
import org.chapar.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * @BotFather, the server's own bot (docs/adr/0027-botfather.md): an account created at start, whose
 * update queue is delivered like a webhook's, by the one node that holds its lease, to {@link
 * #post} in this process instead of over HTTP. Each message is answered by the {@link
 * BotFatherDialogue} through the send path every client uses.
 */
final class BotFather implements WebhookSender.Transport {
    /** BotFather's webhook: no http(s) URL, so no setWebhook can name it (WebhookRules). */
    static final String URL = "chapar:botfather";

    /** Users in the middle of a command that the dialogue remembers. */
    static final int REMEMBERED_USERS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(BotFather.class);

    private final Conversations conversations;
    private final BotFatherDialogue dialogue;

    private BotFather(Conversations conversations, BotFatherDialogue dialogue) {
        this.conversations = conversations;
        this.dialogue = dialogue;
    }

    /**
     * Creates the account and its in-process webhook if they are missing (waiting for the store),
     * and the transport that answers it; empty, and a warning, if a person or a chat holds the
     * name.
     */
    static Optional<BotFather> open(Store store, BotService bots, Conversations conversations) {
        String name = Usernames.BOT_FATHER;
        Optional<Long> id =
                bots.system(name, name)
                        // another node of the cluster created it at the same moment
                        .exceptionallyCompose(e -> bots.system(name, name))
                        .join();
        if (id.isEmpty()) {
            log.warn("@{} is not available: a person or a chat holds that username", name);
            return Optional.empty();
        }
        store.write(
                        tx -> {
                            boolean missing =
                                    tx.webhooks()
                                            .byBot(id.get())
                                            .map(w -> !w.url().equals(URL))
                                            .orElse(true);
                            if (missing) {
                                // no lease yet: the first node to scan takes it
                                tx.webhooks().set(id.get(), URL, "", 1, List.of("message"), 0, 0);
                            }
                            return null;
                        })
                .join();
        return Optional.of(
                new BotFather(
                        conversations,
                        new BotFatherDialogue(new ServiceDesk(bots), REMEMBERED_USERS)));
    }

    /**
     * Answers one update: the dialogue runs once, so the update counts as delivered even when the
     * answer could not be sent (a retry would run the command a second time).
     */
    @Override
    public CompletableFuture<Optional<String>> post(WebhookRecord webhook, ObjectNode update) {
        JsonNode m = update.path("message");
        long user = m.path("from").path("id").asLong(0);
        if (!m.path("chat").path("type").asText("").equals("private")
                || user <= 0
                || m.path("from").path("is_bot").asBoolean(false)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<BotFatherDialogue.Reply> reply =
                m.has("text")
                        ? ServiceDesk.deferred(() -> dialogue.answer(user, m.path("text").asText()))
                        : CompletableFuture.completedFuture(
                                BotFatherDialogue.Reply.of(BotFatherTexts.UNRECOGNIZED));
        return reply.exceptionally(
                        e -> {
                            log.warn("@BotFather failed to answer {}: {}", user, e.toString());
                            return BotFatherDialogue.Reply.of(
                                    "Sorry, something went wrong on my side. Please try again.");
                        })
                .thenCompose(r -> send(webhook.botId(), user, r))
                .handle(
                        (x, e) -> {
                            if (e != null) {
                                log.warn("@BotFather could not answer {}: {}", user, e.toString());
                            }
                            return Optional.empty();
                        });
    }

    private CompletableFuture<?> send(long father, long user, BotFatherDialogue.Reply reply) {
        SendMessage.Builder m =
                SendMessage.newBuilder()
                        .setPeer(Peer.newBuilder().setUserId(user))
                        .setText(reply.text())
                        .setRandomId(Randoms.positiveId());
        if (!reply.choices().isEmpty()) {
            ReplyMarkup.Builder k =
                    ReplyMarkup.newBuilder()
                            .setResizeKeyboard(true)
                            .setOneTimeKeyboard(true)
                            .setBotId(father);
            for (String choice : reply.choices()) {
                k.addKeyboardRows(
                        KeyboardRow.newBuilder()
                                .addButtons(KeyboardButton.newBuilder().setText(choice)));
            }
            m.setReplyMarkup(k);
        }
        return conversations.send(father, m.build());
    }

    /** The dialogue's desk: BotService, as the user who wrote. */
    private record ServiceDesk(BotService bots) implements BotFatherDialogue.Desk {
        @Override
        public CompletableFuture<List<String>> bots(long owner) {
            return deferred(() -> bots.ownedBy(owner))
                    .thenApply(l -> l.getUsersList().stream().map(User::getUsername).toList());
        }

        @Override
        public CompletableFuture<String> create(long owner, String username, String name) {
            return deferred(() -> bots.create(owner, username, name)).thenApply(BotToken::getToken);
        }

        @Override
        public CompletableFuture<String> regenerate(long owner, String username) {
            return deferred(() -> bots.regenerate(owner, username)).thenApply(BotToken::getToken);
        }

        @Override
        public CompletableFuture<Void> setDescription(
                long owner, String username, String description) {
            return deferred(() -> bots.setDescription(owner, username, description));
        }

        @Override
        public CompletableFuture<Void> setCommands(
                long owner, String username, List<BotCommands.Command> commands) {
            return deferred(() -> bots.setCommands(owner, username, commands));
        }

        @Override
        public CompletableFuture<Void> delete(long owner, String username) {
            return deferred(() -> bots.delete(owner, username));
        }

        /** The services check their input before they return a future: that is a failure too. */
        private static <T> CompletableFuture<T> deferred(Supplier<CompletableFuture<T>> call) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }
}
