package org.chapar.cli;

import org.chapar.client.ChaparClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "sessions",
        description = "List this account's sessions (devices).",
        subcommands = SessionsCommand.Revoke.class)
final class SessionsCommand extends ClientCommand {

    @Override
    public Integer call() {
        try (ChaparClient c = connectLoggedIn(false)) {
            await(c.getSessions()).forEach(s -> print(JsonView.session(s), TextView.session(s)));
        }
        return 0;
    }

    @Command(name = "revoke", description = "End one session (see the ids in `sessions`).")
    static final class Revoke extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                await(c.revokeSession(id));
            }
            print(JsonView.object().put("ok", true).put("session_id", id), "Revoked session " + id);
            return 0;
        }
    }
}
