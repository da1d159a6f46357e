package org.chapar.server.privacy;

import org.chapar.protocol.PrivacyAudience;
import org.chapar.protocol.SetPrivacy;
import org.chapar.server.core.ApiException;
import org.chapar.server.store.StoreTx;

import java.util.OptionalLong;

/** One user's privacy settings; a user who never set them has {@link #DEFAULT}. */
public record Privacy(PrivacyAudience lastSeen, PrivacyAudience groupInvites) {
    public static final Privacy DEFAULT =
            new Privacy(PrivacyAudience.PARTNERS, PrivacyAudience.PARTNERS);

    /** These settings with what the request sets (unspecified fields stay as they are). */
    Privacy with(SetPrivacy r) {
        return new Privacy(
                pick(r.getLastSeen(), lastSeen, "last_seen"),
                pick(r.getGroupInvites(), groupInvites, "group_invites"));
    }

    private static PrivacyAudience pick(PrivacyAudience asked, PrivacyAudience now, String name) {
        if (asked == PrivacyAudience.UNRECOGNIZED) {
            throw ApiException.badRequest(name + " must be EVERYBODY, PARTNERS or NOBODY");
        }
        return asked == PrivacyAudience.PRIVACY_AUDIENCE_UNSPECIFIED ? now : asked;
    }

    org.chapar.protocol.Privacy toProto() {
        return org.chapar.protocol.Privacy.newBuilder()
                .setLastSeen(lastSeen)
                .setGroupInvites(groupInvites)
                .build();
    }

    /**
     * Whether {@code other} is in {@code owner}'s audience. A partner is someone {@code owner} has
     * written to in their private chat (a message that still exists): being written to makes nobody
     * a partner, so a stranger cannot make themself one. {@code other} 0 stands for "any member of
     * a chat", admitted only by EVERYBODY.
     */
    public static boolean admits(PrivacyAudience audience, StoreTx tx, long owner, long other) {
        return switch (audience) {
            case EVERYBODY -> true;
            case NOBODY -> false;
            default -> other != 0 && other != owner && hasWrittenTo(tx, owner, other);
        };
    }

    private static boolean hasWrittenTo(StoreTx tx, long owner, long other) {
        OptionalLong chat = tx.chats().findPrivateChat(owner, other);
        return chat.isPresent() && tx.dialogs().hasWritten(owner, chat.getAsLong());
    }
}
