package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Argument parsing and error reporting: everything that needs no server. */
class MainTest {

    @TempDir Path home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                home,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("missing command").contains("Usage: chapar");
    }

    @Test
    void unknownCommandAndMissingArgumentsAreUsageErrors() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("send", "@bob")).isEqualTo(2);
        assertThat(err()).contains("give the TEXT to send, or --file PATH");
        assertThat(run("download", "@bob")).isEqualTo(2);
        assertThat(err()).contains("Missing required parameter");
        assertThat(run("history", "@bob", "--limit", "many")).isEqualTo(2);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "register",
                        "login",
                        "send",
                        "listen",
                        "chats",
                        "history",
                        "sessions",
                        "server");
    }

    @Test
    void everyCommandAcceptsHelp() {
        List<List<String>> paths = new ArrayList<>();
        CommandLine all = new CommandLine(new ChaparCommand(null));
        ChaparCommand.addSubcommands(all);
        collect(all, new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(ChaparCommand.SUBCOMMANDS.size());
        for (List<String> path : paths) {
            out.reset();
            err.reset();
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            assertThat(run(args.toArray(String[]::new))).as("exit of %s; %s", args, err()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .as("usage of %s", path)
                    .startsWith("Usage: chapar " + String.join(" ", path));
        }
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> paths) {
        for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(sub.getKey());
            paths.add(p);
            collect(sub.getValue(), p, paths);
        }
    }

    @Test
    void theTableNamesEachCommandAsItsAnnotationDoes() {
        ChaparCommand.SUBCOMMANDS.forEach(
                (name, type) ->
                        assertThat(type.getAnnotation(CommandLine.Command.class).name())
                                .isEqualTo(name));
    }

    @Test
    void theCommandNameIsTheFirstWordThatIsNoOption() {
        assertThat(ChaparCommand.commandName("--profile", "bob", "--json", "send", "@x", "hi"))
                .isEqualTo("send");
        assertThat(ChaparCommand.commandName("--json", "chats")).isEqualTo("chats");
        assertThat(ChaparCommand.commandName("--profile=bob", "whoami")).isEqualTo("whoami");
        assertThat(ChaparCommand.commandName("--help")).isNull();
        assertThat(ChaparCommand.commandName()).isNull();
    }

    @Test
    void optionsOfTheTopCommandWorkAfterTheSubcommandToo() {
        assertThat(run("whoami", "--profile", "work", "--json")).isEqualTo(1);
        assertThat(err()).contains("\"AUTH_REQUIRED\"").contains("'work'");
    }

    @Test
    void limitsMustBePositive() {
        assertThat(run("history", "@bob", "--limit", "0")).isEqualTo(2);
        assertThat(err()).contains("--limit must be a positive number");
        assertThat(run("chats", "--limit", "-3")).isEqualTo(2);
        assertThat(run("history", "@bob", "--before", "5", "--after", "4")).isEqualTo(2);
        assertThat(err()).contains("--before must be above --after");
    }

    @Test
    void commandsNeedALoggedInProfile() {
        assertThat(run("--profile", "work", "whoami")).isEqualTo(1);
        assertThat(err())
                .isEqualTo(
                        "error: AUTH_REQUIRED: profile 'work' is not logged in; run: chapar login USERNAME --server URL"
                                + System.lineSeparator());
    }

    @Test
    void jsonErrorsAreObjects() throws Exception {
        assertThat(run("chats", "--json")).isEqualTo(1);
        JsonNode n = JsonView.mapper().readTree(err());
        assertThat(n.get("error").get("code").asText()).isEqualTo("AUTH_REQUIRED");
        assertThat(n.get("error").get("message").asText()).contains("not logged in");
    }

    @Test
    void passwordWithoutTerminalNeedsPasswordStdin() {
        assertThat(run("login", "alice_1", "--server", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err()).contains("--password-stdin");
    }

    @Test
    void unreachableServerIsReported() {
        int code =
                Main.run(
                        home,
                        new ByteArrayInputStream("password123\n".getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        "login",
                        "alice_1",
                        "--server",
                        "http://127.0.0.1:1",
                        "--password-stdin");
        assertThat(code).isEqualTo(1);
        assertThat(err()).startsWith("error: UNAVAILABLE: cannot connect to ws://127.0.0.1:1/ws");
    }

    @Test
    void invalidProfileNameIsRejected() {
        assertThat(run("--profile", "../etc", "whoami")).isEqualTo(2);
        assertThat(err()).contains("invalid profile name");
    }
}
