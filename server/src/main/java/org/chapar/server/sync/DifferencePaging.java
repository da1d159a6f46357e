package org.chapar.server.sync;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;

import java.util.List;

/**
 * The paging rules every box's difference follows (the common box and channel boxes): page size,
 * when a gap is too long to replay, and where the next page starts.
 */
public final class DifferencePaging {
    public static final int MAX_PAGE = 1000;

    private DifferencePaging() {}

    /** Checks the request and returns the page size (0 asks for the largest page). */
    public static int pageSize(long pts, int limit) {
        if (limit < 0 || limit > MAX_PAGE) {
            throw new ApiException(
                    ErrorCode.LIMIT_INVALID, "A difference page has 1 to " + MAX_PAGE + " events");
        }
        if (pts < 0) {
            throw ApiException.badRequest("pts cannot be negative");
        }
        return limit == 0 ? MAX_PAGE : limit;
    }

    /**
     * Too far behind to replay, or ahead of the server (its data was restored from an older
     * backup): either way the client must reload from the current state.
     */
    public static boolean tooLong(long pts, long head, int bound) {
        return pts > head || head - pts > bound;
    }

    /** Whether there are more events after this page. */
    public static boolean slice(List<BoxEvent> page, int pageSize, long head) {
        return page.size() == pageSize && page.get(page.size() - 1).pts() < head;
    }

    /** The pts the client continues from after applying this page. */
    public static long continueFrom(List<BoxEvent> page, int pageSize, long head) {
        return slice(page, pageSize, head) ? page.get(page.size() - 1).pts() : head;
    }
}
