package org.chapar.server.chat;

import org.chapar.server.core.ApiException;

/**
 * The one rule for every end date a client sends (a restriction's or ban's {@code until_date}, an
 * invite link's {@code expire_date}): 0 is no end, otherwise a unix time after now and at most
 * {@link #MAX_DAYS} days ahead. Telegram quietly turns longer restrictions into forever; refusing
 * them instead tells the client its date is not what it meant, and keeps every stored date one that
 * every client can show.
 */
final class EndDates {
    static final int MAX_DAYS = 366;
    private static final long MAX_AHEAD_SECONDS = MAX_DAYS * 86_400L;

    private EndDates() {}

    /** A restriction's or ban's end (0: forever). */
    static long until(long date, long now) {
        return check("until_date", "forever", date, now);
    }

    /** An invite link's end (0: never). */
    static long expiry(long date, long now) {
        return check("expire_date", "never", date, now);
    }

    private static long check(String field, String zero, long date, long now) {
        if (date == 0 || (date > now && date - now <= MAX_AHEAD_SECONDS)) {
            return date;
        }
        throw ApiException.badRequest(
                field
                        + (date <= now ? " must be in the future" : " is too far ahead")
                        + "; use 0 ("
                        + zero
                        + ") or a unix time at most "
                        + MAX_DAYS
                        + " days from now");
    }
}
