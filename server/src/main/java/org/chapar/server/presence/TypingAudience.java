package org.chapar.server.presence;

import java.util.List;

/**
 * Who is told that a user is typing in a shared chat, as the chat's rules decide: everyone
 * following the chat's own topic (a supergroup), the chat's members (a group), or nobody.
 *
 * @param topicChatId the chat whose topic carries the notice, or 0
 * @param members the members to tell one by one (those online, the typist aside)
 */
public record TypingAudience(long topicChatId, List<Long> members) {

    public static TypingAudience nobody() {
        return new TypingAudience(0, List.of());
    }

    public static TypingAudience chatTopic(long chatId) {
        return new TypingAudience(chatId, List.of());
    }

    public static TypingAudience members(List<Long> userIds) {
        return new TypingAudience(0, List.copyOf(userIds));
    }
}
