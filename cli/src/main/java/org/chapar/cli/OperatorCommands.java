package org.chapar.cli;

import org.chapar.server.store.postgres.PgUrl;
import org.chapar.server.store.postgres.SqliteToPostgres;
import org.chapar.server.store.sqlite.SqliteStore;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code chapar admin ...}: what the operator of a server does to its data directory. */
final class OperatorCommands {

    private OperatorCommands() {}

    @Command(
            name = "admin",
            description = "Operate a server's data directory (backup, migrate).",
            subcommands = {Backup.class, Migrate.class})
    static final class Admin implements Runnable {
        @ParentCommand ChaparCommand root;

        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "missing command: backup or migrate");
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

    @Command(
            name = "migrate",
            description =
                    "Copy a stopped embedded deployment into an empty PostgreSQL database, and"
                            + " check every table's count and checksum on both sides.")
    static final class Migrate implements Callable<Integer> {
        @ParentCommand Admin admin;

        @Option(
                names = "--from",
                required = true,
                paramLabel = "DIR",
                description = "The data directory of the stopped server.")
        Path from;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "URL",
                description = "The empty database: postgresql://user@host:port/database.")
        String to;

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PgUrl url;
            try {
                url = PgUrl.parse(to);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--to: " + e.getMessage());
            }
            List<SqliteToPostgres.TableCopy> tables = SqliteToPostgres.migrate(from, url);
            PrintStream out = admin.root.terminal.out();
            out.printf(
                    "%-20s %10s %10s  %-16s  %-16s%n",
                    "table", "sqlite", "postgresql", "sqlite sum", "postgresql sum");
            boolean ok = true;
            for (SqliteToPostgres.TableCopy t : tables) {
                out.printf(
                        "%-20s %10d %10d  %016x  %016x%s%n",
                        t.table(),
                        t.sourceRows(),
                        t.targetRows(),
                        t.sourceSum(),
                        t.targetSum(),
                        t.matches() ? "" : "  DIFFERS");
                ok &= t.matches();
            }
            if (!ok) {
                admin.root.terminal.warn(
                        "chapar: the copy differs from the data directory; nothing was committed to "
                                + url);
                return 1;
            }
            out.println(
                    "Migrated "
                            + from.toAbsolutePath()
                            + " to "
                            + url
                            + "; start the server with --store "
                            + url);
            return 0;
        }
    }
}
