package org.chapar.server.chat;

import org.chapar.protocol.ChatKind;

/** A shared chat's settings. {@code defaultBanned} is a {@link Rights} restriction bit set. */
public record ChatRecord(
        long id,
        ChatKind kind,
        String title,
        String about,
        String username,
        long creatorId,
        boolean signatures,
        int slowMode,
        int defaultBanned,
        long pts,
        int membersCount,
        long pinnedId,
        long created) {

    /** A chat to create: the store gives it its id; no members, posts or pin yet. */
    static ChatRecord newChat(
            ChatKind kind, String title, String about, String username, long creatorId, long now) {
        return new ChatRecord(
                0, kind, title, about, username, creatorId, false, 0, 0, 0, 0, 0, now);
    }

    /** Supergroups and channels have their own box; groups fan out into members' common boxes. */
    public boolean ownBox() {
        return kind == ChatKind.SUPERGROUP || kind == ChatKind.CHANNEL;
    }

    /** The box a write on this chat lands in for its author: the chat's own, or 0 (common). */
    long boxId() {
        return ownBox() ? id : 0;
    }

    public boolean channel() {
        return kind == ChatKind.CHANNEL;
    }

    /** The same chat with the settings EditChat changes replaced. */
    ChatRecord withSettings(
            String title,
            String about,
            String username,
            boolean signatures,
            int slowMode,
            int defaultBanned) {
        return new ChatRecord(
                id,
                kind,
                title,
                about,
                username,
                creatorId,
                signatures,
                slowMode,
                defaultBanned,
                pts,
                membersCount,
                pinnedId,
                created);
    }

    ChatRecord withKind(ChatKind k) {
        return new ChatRecord(
                id,
                k,
                title,
                about,
                username,
                creatorId,
                signatures,
                slowMode,
                defaultBanned,
                pts,
                membersCount,
                pinnedId,
                created);
    }

    ChatRecord withPinnedId(long messageId) {
        return new ChatRecord(
                id,
                kind,
                title,
                about,
                username,
                creatorId,
                signatures,
                slowMode,
                defaultBanned,
                pts,
                membersCount,
                messageId,
                created);
    }

    /** The same chat with {@code delta} more members than its row says (counts not written yet). */
    public ChatRecord withMoreMembers(int delta) {
        return new ChatRecord(
                id,
                kind,
                title,
                about,
                username,
                creatorId,
                signatures,
                slowMode,
                defaultBanned,
                pts,
                membersCount + delta,
                pinnedId,
                created);
    }
}
