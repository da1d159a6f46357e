package org.chapar.server.bot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/** What @BotFather says, in Telegram's BotFather's words where Chapar works the same way. */
final class BotFatherTexts {
    private BotFatherTexts() {}

    /** BotFather's commands and what /help says of each, in the order it lists them. */
    static final SequencedMap<String, String> COMMANDS = commands();

    static final String HELP = help();

    static final String UNRECOGNIZED = "Unrecognized command. Say what?";

    static final String NOTHING_TO_CANCEL =
            "No active command to cancel. I wasn't doing anything anyway. Zzzzz...";

    static final String LIMIT =
            "That I cannot do.\n\nYou come to me asking for more than "
                    + BotService.MAX_BOTS_PER_OWNER
                    + " bots. But you didn't ask with respect. You didn't offer friendship. You"
                    + " didn't even call me Godfather.\n\nA user may own "
                    + BotService.MAX_BOTS_PER_OWNER
                    + " bots: delete one with /deletebot before creating another.";

    static final String ASK_NAME =
            "Alright, a new bot. How are we going to call it? Please choose a name for your bot.";

    static final String ASK_USERNAME =
            "Good. Now let's choose a username for your bot. It must end in `bot`. Like this, for"
                    + " example: TetrisBot or tetris_bot.";

    static final String MUST_END_IN_BOT =
            "Sorry, the username must end in 'bot'. E.g. 'Tetris_bot' or 'Tetrisbot'";

    static final String USERNAME_INVALID =
            "Sorry, this username is invalid. A username has 5 to 32 characters: letters A-Z or"
                    + " a-z, digits and _, and ends in 'bot'.";

    static final String USERNAME_TAKEN =
            "Sorry, this username is already taken. Please try something different.";

    static final String NO_BOTS = "You have currently no bots. Use /newbot to create one.";

    static final String INVALID_BOT = "Invalid bot selected.";

    static final String MANAGE =
            "Use /token, /revoke, /setdescription, /setcommands or /deletebot to manage one.";

    static final String ASK_DESCRIPTION =
            "OK. Send me the new description for the bot. People will see this description when"
                    + " they open a chat with your bot, in a block titled 'What can this bot"
                    + " do?'.\n\nSend /empty to clear it.";

    static final String DESCRIPTION_SET = "Success! Description updated. /help";

    private static final String COMMANDS_FORMAT =
            "Please use this format:\n\ncommand1 - Description\ncommand2 - Another"
                    + " description\n\nSend /empty to keep the list empty.";

    static final String ASK_COMMANDS =
            "OK. Send me a list of commands for your bot. " + COMMANDS_FORMAT;

    static final String COMMANDS_SET = "Success! Command list updated. /help";

    static final String CONFIRM_EXACTLY =
            "Please enter the confirmation text exactly like this:\n"
                    + BotFatherDialogue.CONFIRMATION
                    + "\n\nType /cancel to cancel the operation.";

    static final String DELETED = "Done! The bot is gone. /help";

    private static final String API_LINK =
            "For a description of the Bot API, see this page: https://core.telegram.org/bots/api";

    static String cancelled(String command) {
        return "The command /" + command + " has been cancelled. Anything else for me?";
    }

    static String choose(String command) {
        return switch (command) {
            case "token", "revoke" -> "Choose a bot to generate a new token.";
            case "setdescription" -> "Choose a bot to change description.";
            case "setcommands" -> "Choose a bot to change the list of commands.";
            default -> "Choose a bot to delete.";
        };
    }

    static String created(String username, String token) {
        return "Done! Congratulations on your new bot. You will find it at @"
                + username
                + ". You can now add a description and commands for your bot, see /help for a"
                + " list of commands.\n\nUse this token to access the HTTP API:\n"
                + token
                + "\nKeep your token secure and store it safely, it can be used by anyone to"
                + " control your bot.\n\n"
                + API_LINK;
    }

    /** /token: Chapar keeps only a hash of a token, so it can show only a new one. */
    static String reissued(String bot, String token) {
        return "Chapar keeps only a hash of a bot's token, so the current one cannot be shown: here"
                + " is a new token for @"
                + bot
                + ", and the old one has stopped working.\n\nYou can use this token to access"
                + " HTTP API:\n"
                + token
                + "\n\n"
                + API_LINK;
    }

    static String revoked(String bot, String token) {
        return "Your token was replaced with a new one. The old token of @"
                + bot
                + " has stopped working. You can use this token to access HTTP API:\n"
                + token
                + "\n\n"
                + API_LINK;
    }

    static String askConfirmation(String bot) {
        return "OK, you selected @"
                + bot
                + ". Are you sure?\n\nSend '"
                + BotFatherDialogue.CONFIRMATION
                + "' to confirm you really want to delete this bot.";
    }

    static String commandsInvalid(String reason) {
        return "Sorry, the list of commands is invalid ("
                + reason.replaceFirst("^Bad Request: ", "")
                + "). "
                + COMMANDS_FORMAT;
    }

    private static SequencedMap<String, String> commands() {
        SequencedMap<String, String> c = new LinkedHashMap<>();
        c.put("newbot", "create a new bot");
        c.put("mybots", "list your bots");
        c.put("token", "get a new token for a bot (the old one stops working)");
        c.put("revoke", "revoke a bot's token: a new one replaces it");
        c.put("setdescription", "change a bot's description");
        c.put("setcommands", "change the list of commands of a bot");
        c.put("deletebot", "delete a bot");
        c.put("cancel", "cancel the current operation");
        c.put("help", "this list");
        c.put("start", "this list");
        return c;
    }

    private static String help() {
        StringBuilder s =
                new StringBuilder(
                        "I can help you create and manage bots. If you're new to the Bot API,"
                                + " please see the manual: https://core.telegram.org/bots\n\n"
                                + "You can control me by sending these commands:\n");
        for (Map.Entry<String, String> e : COMMANDS.entrySet()) {
            if (!e.getKey().equals("start")) {
                s.append("\n/").append(e.getKey()).append(" - ").append(e.getValue());
            }
        }
        return s.toString();
    }
}
