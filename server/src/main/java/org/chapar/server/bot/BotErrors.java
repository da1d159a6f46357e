package org.chapar.server.bot;

import org.chapar.server.core.ApiException;

import java.util.concurrent.CompletionException;

/**
 * What a failure of the shared rules says in the Bot API: Telegram's status and, where bot
 * libraries match on it, Telegram's exact description.
 */
final class BotErrors {
    private BotErrors() {}

    static BotError from(Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof BotError b) {
            return b;
        }
        if (!(e instanceof ApiException a)) {
            return new BotError(500, "Internal Server Error", 0);
        }
        return switch (a.code()) {
            case CHAT_NOT_FOUND, CHANNEL_PRIVATE, PEER_INVALID, USER_NOT_FOUND ->
                    BotError.badRequest("chat not found");
            case MESSAGE_NOT_FOUND -> BotError.badRequest("message not found");
            case MESSAGE_NOT_MODIFIED ->
                    BotError.badRequest(
                            "message is not modified: specified new message content and reply"
                                    + " markup are exactly the same as a current content and reply"
                                    + " markup of the message");
            case MESSAGE_EMPTY -> BotError.badRequest("message text is empty");
            case MESSAGE_TOO_LONG -> BotError.badRequest("message is too long");
            case MESSAGE_EDIT_FORBIDDEN -> BotError.badRequest("message can't be edited");
            case MESSAGE_DELETE_FORBIDDEN -> BotError.badRequest("message can't be deleted");
            case CHAT_WRITE_FORBIDDEN ->
                    BotError.badRequest("not enough rights to send text messages to the chat");
            case CHAT_ADMIN_REQUIRED, RIGHT_FORBIDDEN ->
                    BotError.badRequest("not enough rights: " + a.getMessage());
            case USER_NOT_PARTICIPANT -> BotError.badRequest("user not found");
            case USER_BANNED_IN_CHANNEL -> BotError.forbidden("bot was kicked from the chat");
            case BOT_CANT_INITIATE ->
                    BotError.forbidden("bot can't initiate conversation with a user");
            case USER_PRIVACY_RESTRICTED, FORBIDDEN -> BotError.forbidden(a.getMessage());
            case FLOOD_WAIT, SLOW_MODE_WAIT ->
                    BotError.tooManyRequests(Math.max(1, (a.retryAfterMs() + 999) / 1000));
            case MEDIA_INVALID -> BotError.badRequest("wrong file identifier/HTTP URL specified");
            case IMAGE_INVALID -> BotError.badRequest("IMAGE_PROCESS_FAILED");
            case INTERNAL, UNAVAILABLE -> new BotError(500, "Internal Server Error", 0);
            default -> BotError.badRequest(a.getMessage());
        };
    }
}
