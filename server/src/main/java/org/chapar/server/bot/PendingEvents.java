package org.chapar.server.bot;

import java.util.List;

/**
 * What a bot's box holds that can become updates, by the kind each becomes. Message events are
 * counted only when their message still exists, is not hidden for the bot, is not a service message
 * and is not the bot's own, split by whether the chat is a channel (channel_post). Member changes
 * are left as their stored bodies (a {@code MemberChanged} each), since whose membership it is
 * decides between my_chat_member and chat_member and is known only inside the body.
 */
public record PendingEvents(
        long messages,
        long editedMessages,
        long channelPosts,
        long editedChannelPosts,
        long callbackQueries,
        long joinRequests,
        List<byte[]> memberChanges) {}
