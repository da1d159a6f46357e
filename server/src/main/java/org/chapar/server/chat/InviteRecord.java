package org.chapar.server.chat;

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
        String title) {}
