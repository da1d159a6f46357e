package org.chapar.server.chat;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.account.UsernameOwner;
import org.chapar.server.account.Usernames;
import org.chapar.server.core.ApiException;
import org.chapar.server.core.Names;
import org.chapar.server.store.StoreTx;

import java.util.Set;

/**
 * The checks of a shared chat's settings as CreateChat and EditChat send them: title, about,
 *
 * @username and slow mode. Each returns the value to store or answers BAD_REQUEST (or
 *     USERNAME_OCCUPIED) saying what is wrong.
 */
final class ChatFields {
    private static final int TITLE_MAX = 128;
    private static final int ABOUT_MAX = 255;
    private static final Set<Integer> SLOW_MODES = Set.of(0, 10, 30, 60, 300, 900, 3600);

    private ChatFields() {}

    static String title(String raw) {
        String t = Names.clean(raw, TITLE_MAX, "A chat title");
        if (t.isEmpty()) {
            throw ApiException.badRequest("A chat needs a title of 1 to 128 characters");
        }
        return t;
    }

    /**
     * The description: control characters but newlines dropped, cut to 255 code points. Unlike a
     * title it may be empty and keeps its line breaks.
     */
    static String about(String raw) {
        String stripped =
                raw.codePoints()
                        .filter(c -> !Character.isISOControl(c) || c == '\n')
                        .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                        .toString()
                        .strip();
        return stripped.codePointCount(0, stripped.length()) <= ABOUT_MAX
                ? stripped
                : stripped.substring(0, stripped.offsetByCodePoints(0, ABOUT_MAX));
    }

    /** The @name to store: empty (a private chat) or a valid username. */
    static String username(String raw) {
        return raw.isEmpty() ? "" : Usernames.require(raw);
    }

    /** Refuses a username held by anyone but chat {@code self} (0: a chat being created). */
    static void requireUsernameFree(StoreTx tx, String username, long self) {
        if (username.isEmpty()) {
            return;
        }
        var holder = tx.usernames().owner(username);
        if (holder.isPresent() && !holder.get().equals(UsernameOwner.chat(self))) {
            throw new ApiException(ErrorCode.USERNAME_OCCUPIED, "@" + username + " is taken");
        }
    }

    static int slowMode(int seconds) {
        if (!SLOW_MODES.contains(seconds)) {
            throw ApiException.badRequest(
                    "Slow mode is one of 0, 10, 30, 60, 300, 900 or 3600 seconds");
        }
        return seconds;
    }
}
