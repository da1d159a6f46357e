package org.chapar.server.account;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The username rules: 5-32 characters of [A-Za-z0-9_], kept in their case. Users and public chats
 * share one namespace, keyed by the name's {@link #skeleton}, so no two owners hold names that read
 * alike.
 */
public final class Usernames {
    /** The server's own bot that manages users' bots (docs/adr/0027-botfather.md). */
    public static final String BOT_FATHER = "BotFather";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_]{5,32}");

    /**
     * Look-alikes within the allowed alphabet, folded left to right after lower-casing, in the
     * spirit of Unicode TR39's skeletons. Mirrored by the SQL of migration V4: change both or
     * neither.
     */
    private static final String[][] CONFUSABLES = {
        {"0", "o"}, {"1", "l"}, {"i", "l"}, {"rn", "m"}, {"vv", "w"}
    };

    private Usernames() {}

    /** Strips a leading @ and checks the rules. */
    public static String require(String username) {
        String name = strip(username);
        if (!VALID.matcher(name).matches()) {
            throw new ApiException(
                    ErrorCode.USERNAME_INVALID,
                    "A username has 5 to 32 characters: letters A-Z or a-z, digits and _");
        }
        return name;
    }

    /** {@link #require}, and a bot's name must end in "bot" (any case), as on Telegram. */
    public static String requireBot(String username) {
        String name = require(username);
        if (!name.toLowerCase(Locale.ROOT).endsWith("bot")) {
            throw new ApiException(
                    ErrorCode.BOT_USERNAME_INVALID, "A bot's username must end in \"bot\"");
        }
        return name;
    }

    public static String strip(String username) {
        return username.startsWith("@") ? username.substring(1) : username;
    }

    /**
     * The namespace key: equal for names that differ only in case or in look-alike characters
     * ({@code cyberpolice}, {@code CyberpoIice}, {@code cyberp0lice}).
     */
    public static String skeleton(String username) {
        String s = strip(username).toLowerCase(Locale.ROOT);
        for (String[] pair : CONFUSABLES) {
            s = s.replace(pair[0], pair[1]);
        }
        return s;
    }
}
