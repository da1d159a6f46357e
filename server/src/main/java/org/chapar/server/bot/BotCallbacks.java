package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

import org.chapar.protocol.CallbackAnswer;
import org.chapar.protocol.CallbackQuery;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.KeyboardButton;
import org.chapar.protocol.KeyboardRow;
import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;
import org.chapar.protocol.PressButton;
import org.chapar.server.core.ApiException;
import org.chapar.server.core.Randoms;
import org.chapar.server.message.Conversations;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UpdateRenderer;
import org.chapar.server.sync.Writes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Inline button presses. A user's PressButton is checked against the message as that user sees it
 * (through {@link Conversations#byIds}: the same visibility rule as history), then appended to the
 * bot's common box as a CALLBACK_QUERY event, so it reaches the bot in order with its other
 * updates, by getUpdates or webhook. The user waits for the bot's answerCallbackQuery, up to {@link
 * #WAIT}; the waiting presses are held in memory on the node that took the press.
 */
final class BotCallbacks {
    static final Duration WAIT = Duration.ofSeconds(15);

    private final Conversations conversations;
    private final Writes writes;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(long botId, CompletableFuture<CallbackAnswer> answer) {}

    BotCallbacks(Conversations conversations, Writes writes) {
        this.conversations = conversations;
        this.writes = writes;
    }

    void register(BotApi api) {
        api.method("answerCallbackQuery", this::answer);
    }

    CompletableFuture<CallbackAnswer> press(long user, PressButton r) {
        Peer peer = r.getPeer();
        return conversations
                .byIds(user, peer, List.of(r.getMessageId()))
                .thenCompose(
                        list -> {
                            if (list.getMessagesCount() == 0) {
                                throw new ApiException(
                                        ErrorCode.MESSAGE_NOT_FOUND, "No such message here");
                            }
                            Message m = list.getMessages(0);
                            long bot = m.getReplyMarkup().getBotId();
                            if (bot == 0 || !hasButton(m, r.getData())) {
                                throw ApiException.badRequest(
                                        "That message has no button with this data");
                            }
                            String id = Long.toUnsignedString(Randoms.positiveId());
                            CallbackQuery q =
                                    CallbackQuery.newBuilder()
                                            .setId(id)
                                            .setFromUserId(user)
                                            .setPeer(
                                                    peer.hasUserId()
                                                            ? Peer.newBuilder()
                                                                    .setUserId(user)
                                                                    .build()
                                                            : Peer.newBuilder()
                                                                    .setChatId(peer.getChatId())
                                                                    .build())
                                            .setMessageId(m.getId())
                                            .setData(r.getData())
                                            .build();
                            CompletableFuture<CallbackAnswer> answer = new CompletableFuture<>();
                            pending.put(id, new Pending(bot, answer));
                            answer.completeOnTimeout(
                                            CallbackAnswer.getDefaultInstance(),
                                            WAIT.toMillis(),
                                            TimeUnit.MILLISECONDS)
                                    .whenComplete((a, e) -> pending.remove(id));
                            return writes.run(
                                            w -> {
                                                BoxEvent e =
                                                        BoxEvent.of(
                                                                BoxEvent.Kind.CALLBACK_QUERY,
                                                                0,
                                                                q.toByteArray(),
                                                                1,
                                                                w.now);
                                                long pts = w.tx.boxes().append(bot, e);
                                                w.toUser(
                                                        bot,
                                                        UpdateRenderer.live(e.at(pts), 0, null),
                                                        List.of());
                                                return pts;
                                            })
                                    .thenCompose(pts -> answer);
                        });
    }

    private static boolean hasButton(Message m, String data) {
        for (KeyboardRow row : m.getReplyMarkup().getInlineRowsList()) {
            for (KeyboardButton b : row.getButtonsList()) {
                if (!data.isEmpty() && b.getCallbackData().equals(data)) {
                    return true;
                }
            }
        }
        return false;
    }

    private CompletableFuture<JsonNode> answer(BotService.Session bot, BotParams p) {
        String id = p.requireString("callback_query_id");
        Pending q = pending.get(id);
        if (q == null || q.botId() != bot.id()) {
            throw BotError.badRequest(
                    "query is too old and response timeout expired or query ID is invalid");
        }
        String text = p.string("text").orElse("");
        if (text.length() > 200) {
            throw BotError.badRequest("MESSAGE_TOO_LONG");
        }
        q.answer()
                .complete(
                        CallbackAnswer.newBuilder()
                                .setText(text)
                                .setAlert(p.bool("show_alert"))
                                .setUrl(p.string("url").orElse(""))
                                .setAnswered(true)
                                .build());
        return CompletableFuture.completedFuture(BooleanNode.TRUE);
    }
}
