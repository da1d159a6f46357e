package org.chapar.server.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.util.List;
import java.util.regex.Pattern;

/** A bot's command list as Telegram's BotCommand objects, stored as their JSON. */
final class BotCommands {
    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");
    private static final int MAX = 100;

    private BotCommands() {}

    /** One command: Telegram's BotCommand. */
    record Command(String command, String description) {}

    static List<Command> parse(String json) {
        try {
            return BotJson.MAPPER.readValue(json, new TypeReference<List<Command>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored commands are not JSON", e);
        }
    }

    /** Checks the commands as Telegram does; the message is the Bot API's description. */
    static List<Command> require(List<Command> commands) {
        if (commands.size() > MAX) {
            throw BotError.badRequest("too many commands");
        }
        for (Command c : commands) {
            if (c.command() == null || !COMMAND.matcher(c.command()).matches()) {
                throw BotError.badRequest("command must be non-empty");
            }
            if (c.description() == null
                    || c.description().isEmpty()
                    || c.description().length() > 256) {
                throw BotError.badRequest("command description must be non-empty");
            }
        }
        return commands;
    }

    static String json(List<Command> commands) {
        try {
            return BotJson.MAPPER.writeValueAsString(commands);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
