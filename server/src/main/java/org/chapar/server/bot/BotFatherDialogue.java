package org.chapar.server.bot;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.core.ApiException;
import org.chapar.server.core.Names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What @BotFather answers to each message of a user: Telegram's commands and wording, one step of a
 * command at a time (docs/adr/0027-botfather.md). It knows nothing of the server: its {@link Desk}
 * does the work, so the whole dialogue runs in a unit test.
 *
 * <p>Implementation note: the step each user is at is kept in memory for the {@code capacity} users
 * who wrote last; an older one is dropped and that user starts again from no command. A command
 * typed in the middle of another one replaces it, as on Telegram.
 */
final class BotFatherDialogue {
    static final String CONFIRMATION = "Yes, I am totally sure.";

    /** What BotFather does for the dialogue; failures are {@link ApiException}s or BotErrors. */
    interface Desk {
        /** The user's bots' usernames, oldest first. */
        CompletableFuture<List<String>> bots(long owner);

        /** A new bot of the owner; its token. */
        CompletableFuture<String> create(long owner, String username, String name);

        /** A new token for the owner's bot; the old one stops working. */
        CompletableFuture<String> regenerate(long owner, String username);

        CompletableFuture<Void> setDescription(long owner, String username, String description);

        CompletableFuture<Void> setCommands(
                long owner, String username, List<BotCommands.Command> commands);

        CompletableFuture<Void> delete(long owner, String username);
    }

    /** BotFather's answer: its text, and the buttons it offers to choose from (may be none). */
    record Reply(String text, List<String> choices) {
        static Reply of(String text) {
            return new Reply(text, List.of());
        }
    }

    private enum Stage {
        NAME,
        USERNAME,
        BOT,
        DESCRIPTION,
        COMMANDS,
        CONFIRM
    }

    /** Where a user is: the command under way, its stage, and the name or bot chosen so far. */
    private record Step(String command, Stage stage, String value) {}

    private final Desk desk;
    private final Map<Long, Step> steps;

    BotFatherDialogue(Desk desk, int capacity) {
        this.desk = desk;
        this.steps =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Long, Step> eldest) {
                        return size() > capacity;
                    }
                };
    }

    /** How many users are in the middle of a command. */
    synchronized int pending() {
        return steps.size();
    }

    CompletableFuture<Reply> answer(long user, String message) {
        String text = message.strip();
        Optional<String> command = command(text);
        Step step = step(user);
        if (command.isPresent()) {
            forget(user);
            return start(user, command.get(), step);
        }
        if (step == null) {
            return done(BotFatherTexts.UNRECOGNIZED);
        }
        return handled(
                switch (step.stage()) {
                    case NAME -> named(user, text);
                    case USERNAME -> created(user, step, text);
                    case BOT -> chosen(user, step, text);
                    case DESCRIPTION -> described(user, step, text);
                    case COMMANDS -> commanded(user, step, text);
                    case CONFIRM -> confirmed(user, step, text);
                },
                user);
    }

    private CompletableFuture<Reply> start(long user, String command, Step previous) {
        return switch (command) {
            case "start", "help" -> done(BotFatherTexts.HELP);
            case "cancel" ->
                    done(
                            previous == null
                                    ? BotFatherTexts.NOTHING_TO_CANCEL
                                    : BotFatherTexts.cancelled(previous.command()));
            case "newbot" ->
                    desk.bots(user)
                            .thenApply(
                                    bots -> {
                                        if (bots.size() >= BotService.MAX_BOTS_PER_OWNER) {
                                            return Reply.of(BotFatherTexts.LIMIT);
                                        }
                                        put(user, new Step(command, Stage.NAME, ""));
                                        return Reply.of(BotFatherTexts.ASK_NAME);
                                    });
            case "mybots" -> desk.bots(user).thenApply(BotFatherDialogue::listed);
            default ->
                    desk.bots(user)
                            .thenApply(
                                    bots -> {
                                        if (bots.isEmpty()) {
                                            return Reply.of(BotFatherTexts.NO_BOTS);
                                        }
                                        put(user, new Step(command, Stage.BOT, ""));
                                        return new Reply(
                                                BotFatherTexts.choose(command), choices(bots));
                                    });
        };
    }

    private CompletableFuture<Reply> named(long user, String text) {
        String name;
        try {
            name = Names.clean(text, 64, "A bot's name");
        } catch (ApiException e) {
            return done("Sorry, " + lower(e.getMessage()) + ". Please choose another name.");
        }
        if (name.isEmpty()) {
            return done(BotFatherTexts.ASK_NAME);
        }
        put(user, new Step("newbot", Stage.USERNAME, name));
        return done(BotFatherTexts.ASK_USERNAME);
    }

    private CompletableFuture<Reply> created(long user, Step step, String text) {
        return desk.create(user, text, step.value())
                .thenApply(
                        token -> {
                            forget(user);
                            return Reply.of(
                                    BotFatherTexts.created(
                                            text.startsWith("@") ? text.substring(1) : text,
                                            token));
                        })
                .exceptionally(
                        e -> {
                            ErrorCode code = code(e);
                            if (code == ErrorCode.BOT_LIMIT) {
                                forget(user);
                                return Reply.of(BotFatherTexts.LIMIT);
                            }
                            return Reply.of(
                                    switch (code) {
                                        case BOT_USERNAME_INVALID -> BotFatherTexts.MUST_END_IN_BOT;
                                        case USERNAME_INVALID -> BotFatherTexts.USERNAME_INVALID;
                                        case USERNAME_TAKEN -> BotFatherTexts.USERNAME_TAKEN;
                                        default -> throw new CompletionException(cause(e));
                                    });
                        });
    }

    private CompletableFuture<Reply> chosen(long user, Step step, String text) {
        String wanted = text.startsWith("@") ? text.substring(1) : text;
        return desk.bots(user)
                .thenCompose(
                        bots -> {
                            Optional<String> bot =
                                    bots.stream()
                                            .filter(b -> b.equalsIgnoreCase(wanted))
                                            .findFirst();
                            if (bot.isEmpty()) {
                                return done(new Reply(BotFatherTexts.INVALID_BOT, choices(bots)));
                            }
                            return act(user, step.command(), bot.get());
                        });
    }

    private CompletableFuture<Reply> act(long user, String command, String bot) {
        return switch (command) {
            case "token", "revoke" ->
                    desk.regenerate(user, bot)
                            .thenApply(
                                    token -> {
                                        forget(user);
                                        return Reply.of(
                                                command.equals("token")
                                                        ? BotFatherTexts.reissued(bot, token)
                                                        : BotFatherTexts.revoked(bot, token));
                                    });
            case "setdescription" -> next(user, command, Stage.DESCRIPTION, bot);
            case "setcommands" -> next(user, command, Stage.COMMANDS, bot);
            default -> next(user, command, Stage.CONFIRM, bot);
        };
    }

    private CompletableFuture<Reply> next(long user, String command, Stage stage, String bot) {
        put(user, new Step(command, stage, bot));
        return done(
                switch (stage) {
                    case DESCRIPTION -> BotFatherTexts.ASK_DESCRIPTION;
                    case COMMANDS -> BotFatherTexts.ASK_COMMANDS;
                    default -> BotFatherTexts.askConfirmation(bot);
                });
    }

    private CompletableFuture<Reply> described(long user, Step step, String text) {
        String description;
        try {
            description = text.equals("/empty") ? "" : Names.clean(text, 512, "A description");
        } catch (ApiException e) {
            return done("Sorry, " + lower(e.getMessage()) + ". Please send another description.");
        }
        return desk.setDescription(user, step.value(), description)
                .thenApply(x -> finished(user, BotFatherTexts.DESCRIPTION_SET));
    }

    private CompletableFuture<Reply> commanded(long user, Step step, String text) {
        List<BotCommands.Command> commands;
        try {
            commands = text.equals("/empty") ? List.of() : commands(text);
        } catch (BotError e) {
            return done(BotFatherTexts.commandsInvalid(e.getMessage()));
        }
        return desk.setCommands(user, step.value(), commands)
                .thenApply(x -> finished(user, BotFatherTexts.COMMANDS_SET));
    }

    private CompletableFuture<Reply> confirmed(long user, Step step, String text) {
        if (!text.equals(CONFIRMATION)) {
            return done(BotFatherTexts.CONFIRM_EXACTLY);
        }
        return desk.delete(user, step.value())
                .thenApply(x -> finished(user, BotFatherTexts.DELETED));
    }

    /**
     * Telegram's format, one {@code command - description} a line, checked as setMyCommands checks
     * it; a leading "/" is allowed.
     */
    static List<BotCommands.Command> commands(String text) {
        List<BotCommands.Command> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                throw BotError.badRequest("\"" + line.strip() + "\" is not command - description");
            }
            String command = line.substring(0, dash).strip();
            out.add(
                    new BotCommands.Command(
                            command.startsWith("/") ? command.substring(1) : command,
                            line.substring(dash + 3).strip()));
        }
        return BotCommands.require(out);
    }

    /** A bot that is no longer the user's between choosing it and acting on it is refused. */
    private CompletableFuture<Reply> handled(CompletableFuture<Reply> reply, long user) {
        return reply.exceptionally(
                e -> {
                    if (code(e) == ErrorCode.BOT_NOT_OWNED) {
                        forget(user);
                        return Reply.of(BotFatherTexts.INVALID_BOT);
                    }
                    throw new CompletionException(cause(e));
                });
    }

    private Reply finished(long user, String text) {
        forget(user);
        return Reply.of(text);
    }

    private static Reply listed(List<String> bots) {
        if (bots.isEmpty()) {
            return Reply.of(BotFatherTexts.NO_BOTS);
        }
        StringBuilder s = new StringBuilder("Here are your bots:\n");
        bots.forEach(b -> s.append("\n@").append(b));
        return new Reply(s.append("\n\n").append(BotFatherTexts.MANAGE).toString(), choices(bots));
    }

    private static List<String> choices(List<String> bots) {
        return bots.stream().map(b -> "@" + b).toList();
    }

    /** "/newbot" or "/newbot@BotFather" as "newbot", if BotFather has that command. */
    private static Optional<String> command(String text) {
        if (!text.startsWith("/") || text.contains(" ") || text.contains("\n")) {
            return Optional.empty();
        }
        int at = text.indexOf('@');
        String name = text.substring(1, at < 0 ? text.length() : at).toLowerCase(Locale.ROOT);
        return BotFatherTexts.COMMANDS.containsKey(name) ? Optional.of(name) : Optional.empty();
    }

    private static CompletableFuture<Reply> done(String text) {
        return done(Reply.of(text));
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static ErrorCode code(Throwable e) {
        return cause(e) instanceof ApiException a ? a.code() : ErrorCode.ERROR_CODE_UNSPECIFIED;
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private synchronized Step step(long user) {
        return steps.get(user);
    }

    private synchronized void put(long user, Step step) {
        steps.put(user, step);
    }

    private synchronized void forget(long user) {
        steps.remove(user);
    }
}
