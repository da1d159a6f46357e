package org.chapar.cli;

import org.chapar.client.ChaparClient;
import org.chapar.protocol.User;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "users", description = "Find users.", subcommands = UsersCommand.Search.class)
final class UsersCommand implements Runnable {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "missing subcommand: search");
    }

    @Command(name = "search", description = "Users whose username starts with TEXT.")
    static final class Search extends ClientCommand {
        @Parameters(index = "0", paramLabel = "TEXT")
        String query;

        @Option(
                names = "--limit",
                defaultValue = "20",
                description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                String q = query.startsWith("@") ? query.substring(1) : query;
                List<User> users = await(c.searchUsers(q, limit));
                if (users.isEmpty() && !json()) {
                    terminal().show("No users found.");
                }
                users.forEach(u -> print(JsonView.user(u), TextView.user(u)));
            }
            return 0;
        }
    }
}
