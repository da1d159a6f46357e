package org.chapar.cli;

import org.chapar.server.store.sqlite.SqliteStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code chapar admin ...}: what the operator of a server does to its data directory. */
final class OperatorCommands {

    private OperatorCommands() {}

    @Command(
            name = "admin",
            description = "Operate a server's data directory (backup).",
            subcommands = {Backup.class})
    static final class Admin implements Runnable {
        @ParentCommand ChaparCommand root;

        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "missing command: backup");
        }
    }

    @Command(
            name = "backup",
            description =
                    "Copy the database to one consistent file, while the server runs (it keeps"
                            + " serving).")
    static final class Backup implements Callable<Integer> {
        @ParentCommand Admin admin;

        @Option(
                names = "--data",
                defaultValue = "data",
                paramLabel = "DIR",
                description = "The server's data directory (default ./${DEFAULT-VALUE}).")
        Path data;

        @Parameters(paramLabel = "DEST", description = "The backup file to write; must not exist.")
        Path destination;

        @Override
        public Integer call() throws IOException {
            SqliteStore.backup(data, destination);
            admin.root
                    .terminal
                    .out()
                    .println(
                            "Backed up "
                                    + data.resolve("chapar.db").toAbsolutePath()
                                    + " to "
                                    + destination.toAbsolutePath()
                                    + " ("
                                    + Files.size(destination) / 1024
                                    + " KiB)");
            return 0;
        }
    }
}
