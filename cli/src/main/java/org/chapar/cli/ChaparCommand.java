package org.chapar.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command: options every subcommand shares. */
@Command(
        name = "chapar",
        mixinStandardHelpOptions = true,
        version = "chapar 0.1",
        description = "Chapar messenger: run a server, or chat from the terminal.",
        subcommands = {
            ServerCommand.class,
            OperatorCommands.Admin.class,
            AccountCommands.Register.class,
            AccountCommands.Login.class,
            AccountCommands.Logout.class,
            AccountCommands.Whoami.class,
            MessageCommands.Send.class,
            MessageCommands.Chats.class,
            MessageCommands.History.class,
            MessageCommands.Read.class,
            ChatCommands.Group.class,
            ChatCommands.Channel.class,
            ChatCommands.Join.class,
            ChatCommands.Leave.class,
            ChatCommands.Post.class,
            ChatCommands.Members.class,
            AdminCommands.Promote.class,
            AdminCommands.Demote.class,
            AdminCommands.Restrict.class,
            AdminCommands.Ban.class,
            AdminCommands.Unban.class,
            InviteCommands.Invite.class,
            InviteCommands.Requests.class,
            ChatCommands.Pin.class,
            ChatCommands.Views.class,
            ListenCommand.class,
            UsersCommand.class,
            SessionsCommand.class,
            PrivacyCommand.class
        })
final class ChaparCommand implements Runnable {

    final Terminal terminal;

    @Option(
            names = "--profile",
            scope = ScopeType.INHERIT,
            defaultValue = "default",
            description =
                    "Which identity to use (CHAPAR_HOME/profiles/NAME); default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print one JSON object per line.")
    boolean json;

    ChaparCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
