package org.chapar.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The training run of the launcher's ahead-of-time class cache (scripts/startup-cache.sh): runs the
 * common client commands once, in this JVM, against a server the launcher started for it, so that
 * the classes they need are in the cache. It registers two throw-away accounts, so it is not listed
 * in the usage and is meant for that training server only.
 */
@Command(
        name = StartupTraining.NAME,
        hidden = true,
        description = "Train the start-up cache against a throw-away server (used by ./chapar).")
final class StartupTraining implements Callable<Integer> {

    static final String NAME = "startup-training";

    @ParentCommand ChaparCommand root;

    @Option(names = "--server", required = true, description = "The throw-away server.")
    String server;

    @Override
    public Integer call() throws IOException {
        Path home = Files.createTempDirectory("chapar-training");
        List<String> failed = new ArrayList<>();
        try {
            String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
            String alice = "train_a_" + suffix;
            String bob = "train_b_" + suffix;
            String pw = "training-" + suffix + "\n";
            run(home, failed, "", "--help");
            run(home, failed, "", "--version");
            for (String name : ChaparCommand.SUBCOMMANDS.keySet()) {
                run(home, failed, "", name, "--help");
            }
            register(home, failed, pw, "alice", alice);
            register(home, failed, pw, "bob", bob);
            for (List<String> format : List.of(List.<String>of(), List.of("--json"))) {
                as(home, failed, "", "alice", format, "whoami");
                as(home, failed, "", "alice", format, "send", "@" + bob, "hello");
                as(home, failed, "", "alice", format, "send", "--reply-to", "1", "@" + bob, "re");
                as(home, failed, "one\ntwo\n", "alice", format, "send", "@" + bob, "-");
                as(home, failed, "", "bob", format, "chats");
                as(home, failed, "", "bob", format, "history", "@" + alice);
                as(home, failed, "", "bob", format, "read", "@" + alice);
                as(home, failed, "", "bob", format, "users", "search", "train_");
                as(home, failed, "", "bob", format, "listen", "--count", "1", "--timeout", "5");
                as(home, failed, "", "alice", format, "sessions");
            }
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (!failed.isEmpty()) {
            root.terminal.warn("training: these failed: " + String.join("; ", failed));
            return 1;
        }
        return 0;
    }

    private void register(Path home, List<String> failed, String pw, String profile, String name) {
        run(
                home,
                failed,
                pw,
                "--profile",
                profile,
                "register",
                name,
                "--server",
                server,
                "--password-stdin");
    }

    private static void as(
            Path home,
            List<String> failed,
            String stdin,
            String profile,
            List<String> format,
            String... command) {
        List<String> args = new ArrayList<>(List.of("--profile", profile));
        args.addAll(format);
        args.addAll(List.of(command));
        run(home, failed, stdin, args.toArray(String[]::new));
    }

    private static void run(Path home, List<String> failed, String stdin, String... args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        int exit =
                Main.run(
                        home,
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        sink,
                        sink,
                        args);
        if (exit != 0) {
            failed.add(String.join(" ", args) + " (exit " + exit + ")");
        }
    }
}
