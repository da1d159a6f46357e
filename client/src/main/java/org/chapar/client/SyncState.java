package org.chapar.client;

import java.util.HashMap;
import java.util.Map;

/**
 * What a client persists between runs: the common box pts it has delivered up to ({@link #NO_PTS}
 * before the first GetState), the session token, the user it belongs to, and the pts delivered of
 * each supergroup or channel box it follows.
 */
public record SyncState(long pts, String token, long userId, Map<Long, Long> channelPts) {

    public static final long NO_PTS = -1;
    public static final SyncState EMPTY = new SyncState(NO_PTS, null, 0);

    public SyncState {
        channelPts = channelPts == null ? Map.of() : Map.copyOf(channelPts);
    }

    public SyncState(long pts, String token, long userId) {
        this(pts, token, userId, Map.of());
    }

    public boolean hasPts() {
        return pts != NO_PTS;
    }

    public boolean hasToken() {
        return token != null && !token.isEmpty();
    }

    SyncState withPts(long newPts) {
        return new SyncState(newPts, token, userId, channelPts);
    }

    SyncState withToken(String newToken) {
        return new SyncState(pts, newToken, userId, channelPts);
    }

    SyncState withChannelPts(long chatId, long chatPts) {
        Map<Long, Long> m = new HashMap<>(channelPts);
        if (chatPts == NO_PTS) {
            m.remove(chatId);
        } else {
            m.put(chatId, chatPts);
        }
        return new SyncState(pts, token, userId, m);
    }
}
