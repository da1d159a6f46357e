package org.chapar.server.account;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;

import java.util.regex.Pattern;

/** The username rules: 5-32 characters of [a-z0-9_], compared without case. */
public final class Usernames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_]{5,32}");

    private Usernames() {}

    /** Strips a leading @ and checks the rules. */
    public static String require(String username) {
        String name = strip(username);
        if (!VALID.matcher(name).matches()) {
            throw new ApiException(
                    ErrorCode.USERNAME_INVALID,
                    "A username has 5 to 32 characters: letters a-z, digits and _");
        }
        return name;
    }

    public static String strip(String username) {
        return username.startsWith("@") ? username.substring(1) : username;
    }
}
