package org.chapar.server.bot;

import org.chapar.protocol.MessageEntity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bot_command entities Telegram finds in a message's text ({@code /start}, {@code
 * /help@weather_bot}), added to those the message carries: bot libraries route commands by them
 * (grammY's {@code bot.command}, Telegraf's {@code bot.start}). The rule is TDLib's
 * find_bot_commands: a "/" not preceded by a word character, "/", "<" or ">", then 1-64 of
 * [A-Za-z0-9_], optionally "@" and a bot's username of 3-32 such characters, not followed by a word
 * character, "/", "<" or ">". Offsets count UTF-16 code units, as Java's String does.
 */
final class CommandEntities {
    private static final int MAX_COMMAND = 64;
    private static final int MIN_USERNAME = 3;
    private static final int MAX_USERNAME = 32;

    private CommandEntities() {}

    /** {@code given} and the commands in {@code text} that overlap none of them, by offset. */
    static List<MessageEntity> with(String text, List<MessageEntity> given) {
        List<MessageEntity> found = find(text);
        if (found.isEmpty()) {
            return given;
        }
        List<MessageEntity> out = new ArrayList<>(given);
        for (MessageEntity c : found) {
            if (given.stream().noneMatch(e -> overlaps(e, c))) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingInt(MessageEntity::getOffset));
        return out;
    }

    static List<MessageEntity> find(String text) {
        List<MessageEntity> out = new ArrayList<>();
        int i = text.indexOf('/');
        while (i >= 0) {
            int end = commandEnd(text, i);
            if (end > 0) {
                out.add(
                        MessageEntity.newBuilder()
                                .setType("bot_command")
                                .setOffset(i)
                                .setLength(end - i)
                                .build());
            }
            i = text.indexOf('/', Math.max(end, i + 1));
        }
        return out;
    }

    /**
     * Where the command starting with the "/" at {@code slash} ends, or -1 if none starts there.
     */
    private static int commandEnd(String text, int slash) {
        if (slash > 0 && separates(text.charAt(slash - 1))) {
            return -1;
        }
        int end = skipName(text, slash + 1);
        int length = end - slash - 1;
        if (length == 0 || length > MAX_COMMAND) {
            return -1;
        }
        if (end < text.length() && text.charAt(end) == '@') {
            int userEnd = skipName(text, end + 1);
            int userLength = userEnd - end - 1;
            if (userLength > MAX_USERNAME) {
                return -1;
            }
            if (userLength >= MIN_USERNAME) {
                end = userEnd;
            }
        }
        if (end < text.length() && separates(text.charAt(end))) {
            return -1;
        }
        return end;
    }

    private static int skipName(String text, int from) {
        int i = from;
        while (i < text.length() && isNameChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    /** A character that glues a "/" to the word beside it, so that it is no command. */
    private static boolean separates(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '/' || c == '<' || c == '>';
    }

    private static boolean overlaps(MessageEntity a, MessageEntity b) {
        return a.getOffset() < b.getOffset() + b.getLength()
                && b.getOffset() < a.getOffset() + a.getLength();
    }
}
