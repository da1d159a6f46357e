package org.chapar.cli;

import org.chapar.client.BotRequests;
import org.chapar.client.ChaparClient;
import org.chapar.protocol.BotToken;
import org.chapar.protocol.User;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;

/**
 * bot create|token|list: bot accounts owned by the caller and their Bot API tokens (each shown
 * once).
 */
final class BotCommands {

    private BotCommands() {}

    @Command(
            name = "bot",
            description = "Bots you own: their programs use the Bot API at /bot<token>/<method>.",
            subcommands = {Create.class, Token.class, ListBots.class})
    static final class Bot implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(
                    spec.commandLine(), "missing subcommand: create, token or list");
        }
    }

    @Command(
            name = "create",
            description =
                    "Create a bot (its username must end in \"bot\") and print its token, shown"
                            + " once.")
    static final class Create extends ClientCommand {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Option(
                names = "--name",
                paramLabel = "TEXT",
                description = "The bot's display name; default: its username.")
        String name;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                printToken(this, await(new BotRequests(c).createBot(username, name)));
            }
            return 0;
        }
    }

    @Command(
            name = "token",
            description =
                    "Give your bot a new token and print it (shown once); the old token stops"
                            + " working at once.")
    static final class Token extends ClientCommand {
        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                printToken(this, await(new BotRequests(c).regenerateToken(username)));
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List your bots, oldest first.")
    static final class ListBots extends ClientCommand {
        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                List<User> bots = await(new BotRequests(c).myBots());
                if (bots.isEmpty() && !json()) {
                    terminal().show("No bots.");
                }
                bots.forEach(b -> print(JsonView.user(b), TextView.user(b)));
            }
            return 0;
        }
    }

    /** The token alone on a line (for $(chapar bot create ...)), or with the bot in JSON. */
    private static void printToken(ClientCommand command, BotToken t) {
        command.print(
                JsonView.object().put("token", t.getToken()).set("bot", JsonView.user(t.getBot())),
                t.getToken());
    }
}
