package org.chapar.cli;

import org.chapar.client.BotRequests;
import org.chapar.client.ChaparClient;
import org.chapar.protocol.BotToken;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** bot create: a bot account owned by the caller, and its Bot API token (shown once). */
final class BotCommands {

    private BotCommands() {}

    @Command(
            name = "bot",
            description = "Bots you own: their programs use the Bot API at /bot<token>/<method>.",
            subcommands = {Create.class})
    static final class Bot implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "missing subcommand: create");
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
                BotToken t = await(new BotRequests(c).createBot(username, name));
                print(
                        JsonView.object()
                                .put("token", t.getToken())
                                .set("bot", JsonView.user(t.getBot())),
                        t.getToken());
            }
            return 0;
        }
    }
}
