package org.chapar.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top command: options every subcommand shares ({@code --help} and {@code --version} too), and
 * the table of subcommands.
 */
@Command(
        name = "chapar",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        version = "chapar 0.1",
        description = "Chapar messenger: run a server, or chat from the terminal.")
final class ChaparCommand implements Runnable {

    /**
     * Every subcommand by name, in the order the usage lists them. Only the one a command line
     * names is added to the parser: picocli reads each command's annotations by reflection when it
     * is added, which costs more start-up time than most commands take to run.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("server", ServerCommand.class);
        SUBCOMMANDS.put("admin", OperatorCommands.Admin.class);
        SUBCOMMANDS.put("register", AccountCommands.Register.class);
        SUBCOMMANDS.put("login", AccountCommands.Login.class);
        SUBCOMMANDS.put("logout", AccountCommands.Logout.class);
        SUBCOMMANDS.put("whoami", AccountCommands.Whoami.class);
        SUBCOMMANDS.put("edit-profile", AccountCommands.EditProfile.class);
        SUBCOMMANDS.put("send", MessageCommands.Send.class);
        SUBCOMMANDS.put("download", MediaCommands.Download.class);
        SUBCOMMANDS.put("chats", MessageCommands.Chats.class);
        SUBCOMMANDS.put("history", MessageCommands.History.class);
        SUBCOMMANDS.put("read", MessageCommands.Read.class);
        SUBCOMMANDS.put("group", ChatCommands.Group.class);
        SUBCOMMANDS.put("channel", ChatCommands.Channel.class);
        SUBCOMMANDS.put("join", ChatCommands.Join.class);
        SUBCOMMANDS.put("leave", ChatCommands.Leave.class);
        SUBCOMMANDS.put("post", ChatCommands.Post.class);
        SUBCOMMANDS.put("members", ChatCommands.Members.class);
        SUBCOMMANDS.put("promote", AdminCommands.Promote.class);
        SUBCOMMANDS.put("demote", AdminCommands.Demote.class);
        SUBCOMMANDS.put("restrict", AdminCommands.Restrict.class);
        SUBCOMMANDS.put("ban", AdminCommands.Ban.class);
        SUBCOMMANDS.put("unban", AdminCommands.Unban.class);
        SUBCOMMANDS.put("invite", InviteCommands.Invite.class);
        SUBCOMMANDS.put("requests", InviteCommands.Requests.class);
        SUBCOMMANDS.put("pin", ChatCommands.Pin.class);
        SUBCOMMANDS.put("views", ChatCommands.Views.class);
        SUBCOMMANDS.put("listen", ListenCommand.class);
        SUBCOMMANDS.put("press", PressCommand.class);
        SUBCOMMANDS.put("users", UsersCommand.class);
        SUBCOMMANDS.put("sessions", SessionsCommand.class);
        SUBCOMMANDS.put("privacy", PrivacyCommand.class);
        SUBCOMMANDS.put("bot", BotCommands.Bot.class);
        SUBCOMMANDS.put(StartupTraining.NAME, StartupTraining.class);
    }

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

    /**
     * Adds the subcommand that {@code args} name to {@code cmd}, or every subcommand when they name
     * none (for the usage, and for picocli's "did you mean" on a misspelt one).
     */
    static void addSubcommands(CommandLine cmd, String... args) {
        Class<?> named = SUBCOMMANDS.get(commandName(args));
        if (named != null) {
            cmd.addSubcommand(named);
        } else {
            SUBCOMMANDS.values().forEach(cmd::addSubcommand);
        }
    }

    /** The first word that is neither an option nor the value of {@code --profile}. */
    static String commandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--profile")) {
                i++;
            } else if (a.equals("--")) {
                return null;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}
