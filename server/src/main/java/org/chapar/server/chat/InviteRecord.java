package org.chapar.server.chat;

import java.util.Optional;

/** An invite link of a chat. */
public record InviteRecord(
        String hash,
        long chatId,
        long adminId,
        long created,
        long expireDate,
        int usageLimit,
        int usage,
        boolean requiresApproval,
        boolean revoked,
        boolean primary,
        String title) {

    /** A chat's primary link: no end, no limit, no approval, no title. */
    static InviteRecord newPrimary(String hash, long chatId, long adminId, long now) {
        return new InviteRecord(hash, chatId, adminId, now, 0, 0, 0, false, false, true, "");
    }

    /** An additional link, unused so far. */
    static InviteRecord newLink(
            String hash,
            long chatId,
            long adminId,
            long now,
            long expireDate,
            int usageLimit,
            boolean requiresApproval,
            String title) {
        return new InviteRecord(
                hash,
                chatId,
                adminId,
                now,
                expireDate,
                usageLimit,
                0,
                requiresApproval,
                false,
                false,
                title);
    }

    InviteRecord asRevoked() {
        return new InviteRecord(
                hash,
                chatId,
                adminId,
                created,
                expireDate,
                usageLimit,
                usage,
                requiresApproval,
                true,
                primary,
                title);
    }

    /** The link with the settings EditInviteLink replaces. */
    InviteRecord edited(long expireDate, int usageLimit, boolean requiresApproval, String title) {
        return new InviteRecord(
                hash,
                chatId,
                adminId,
                created,
                expireDate,
                usageLimit,
                usage,
                requiresApproval,
                revoked,
                primary,
                title);
    }

    /** Why the link cannot be used at {@code now} ("was revoked", ...); empty if it can. */
    Optional<String> unusable(long now) {
        if (revoked) {
            return Optional.of("was revoked");
        }
        if (expireDate != 0 && expireDate <= now) {
            return Optional.of("has expired");
        }
        if (usageLimit != 0 && usage >= usageLimit) {
            return Optional.of("has been used up");
        }
        return Optional.empty();
    }
}
