package org.chapar.client;

import com.google.protobuf.ByteString;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a client persists between runs: the common box pts it has delivered up to ({@link #NO_PTS}
 * before the first GetState), the session token, the user it belongs to, the pts delivered of each
 * supergroup or channel box it follows, and the device cookie each account it logged in to gave it,
 * by username. The cookies outlive logouts and changes of user: a login presenting its account's
 * cookie has a rate-limit budget of its own (protocol README, "Known devices").
 *
 * <p>{@code authorKey} is the user's author key (empty: none), which the SDK derives from the
 * password at Register and Login and keeps for as long as the session, so that a session resumed by
 * its token still recognises the user's own posts (protocol README, "Recognising your own posts").
 * It is a secret: a store keeps it as it keeps the token.
 */
public record SyncState(
        long pts,
        String token,
        long userId,
        Map<Long, Long> channelPts,
        Map<String, String> deviceCookies,
        ByteString authorKey) {

    public static final long NO_PTS = -1;
    public static final SyncState EMPTY = new SyncState(NO_PTS, null, 0);

    public SyncState {
        channelPts = channelPts == null ? Map.of() : Map.copyOf(channelPts);
        deviceCookies = deviceCookies == null ? Map.of() : Map.copyOf(deviceCookies);
        authorKey = authorKey == null ? ByteString.EMPTY : authorKey;
    }

    public SyncState(
            long pts,
            String token,
            long userId,
            Map<Long, Long> channelPts,
            Map<String, String> deviceCookies) {
        this(pts, token, userId, channelPts, deviceCookies, ByteString.EMPTY);
    }

    public SyncState(long pts, String token, long userId, Map<Long, Long> channelPts) {
        this(pts, token, userId, channelPts, Map.of());
    }

    public SyncState(long pts, String token, long userId) {
        this(pts, token, userId, Map.of(), Map.of());
    }

    public boolean hasPts() {
        return pts != NO_PTS;
    }

    public boolean hasToken() {
        return token != null && !token.isEmpty();
    }

    /** The device cookie the account {@code username} gave this client, or "" if none. */
    public String deviceCookie(String username) {
        return deviceCookies.getOrDefault(accountKey(username), "");
    }

    /**
     * This state without its session (and so without its author key), everything else kept: a
     * client on it connects logged out (to log in anew) and still presents its device cookies.
     */
    public SyncState withoutSession() {
        return withToken(null);
    }

    /** The author key, null if this state has none. */
    AuthorKey author() {
        return authorKey.isEmpty() ? null : new AuthorKey(authorKey);
    }

    SyncState withPts(long newPts) {
        return new SyncState(newPts, token, userId, channelPts, deviceCookies, authorKey);
    }

    /** Another token of the same user; no token ends the session, and its author key with it. */
    SyncState withToken(String newToken) {
        return new SyncState(
                pts,
                newToken,
                userId,
                channelPts,
                deviceCookies,
                newToken == null ? ByteString.EMPTY : authorKey);
    }

    SyncState withAuthorKey(AuthorKey key) {
        return new SyncState(pts, token, userId, channelPts, deviceCookies, key.bytes());
    }

    /** Another user logged in: their session, their boxes from the start, the same cookies. */
    SyncState forUser(long newUserId, String newToken) {
        return new SyncState(NO_PTS, newToken, newUserId, Map.of(), deviceCookies);
    }

    SyncState withChannelPts(long chatId, long chatPts) {
        Map<Long, Long> m = new HashMap<>(channelPts);
        if (chatPts == NO_PTS) {
            m.remove(chatId);
        } else {
            m.put(chatId, chatPts);
        }
        return new SyncState(pts, token, userId, m, deviceCookies, authorKey);
    }

    SyncState withDeviceCookie(String username, String cookie) {
        Map<String, String> m = new HashMap<>(deviceCookies);
        m.put(accountKey(username), cookie);
        return new SyncState(pts, token, userId, channelPts, m, authorKey);
    }

    /** Usernames are case-insensitive and may be written with a leading @. */
    static String accountKey(String username) {
        String name = username == null ? "" : username.trim();
        if (name.startsWith("@")) {
            name = name.substring(1);
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
