package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.client.Peers;
import org.chapar.protocol.User;
import org.chapar.testkit.PostgresTestDatabase;
import org.chapar.testkit.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * {@code chapar admin migrate}: prints each table's counts and checksums on both sides, exits 0
 * when they match, and refuses a target that already holds data and a URL that is not PostgreSQL's.
 */
class MigrateIT {
    @TempDir Path temp;

    @Test
    void migratesADataDirectoryOnceAndRefusesAUsedTarget() throws Exception {
        Path data = temp.resolve("data");
        ServerProcess server = ServerProcess.start(data, 0);
        try (ChaparClient bob = ChaparClient.builder(server.uri()).build();
                ChaparClient alice = ChaparClient.builder(server.uri()).build()) {
            bob.connect().join();
            User b = bob.register("migrate_bob", "password-bob", null, "t").join().getUser();
            alice.connect().join();
            alice.register("migrate_alice", "password-alice", null, "t").join();
            alice.sendMessage(Peers.user(b), "moved with the data").join();
        } finally {
            assertThat(server.stop()).isZero();
        }
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            Path home = temp.resolve("home");
            CliRun run =
                    CliRun.run(
                            home,
                            "",
                            "admin",
                            "migrate",
                            "--from",
                            data.toString(),
                            "--to",
                            db.url());
            assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
            assertThat(run.out())
                    .contains("users", "messages", "box_events", "bot_webhooks", "Migrated")
                    .doesNotContain("DIFFERS");
            // the two users and @BotFather, whose in-process webhook row needs its bots row first
            assertThat(run.out().lines().filter(l -> l.startsWith("users ")).findFirst())
                    .hasValueSatisfying(l -> assertThat(l.split("\\s+")).contains("3"));
            assertThat(run.out().lines().filter(l -> l.startsWith("bot_webhooks ")).findFirst())
                    .hasValueSatisfying(l -> assertThat(l.split("\\s+")).contains("1"));

            CliRun again =
                    CliRun.run(
                            home,
                            "",
                            "admin",
                            "migrate",
                            "--from",
                            data.toString(),
                            "--to",
                            db.url());
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("is not empty");

            CliRun notPostgres =
                    CliRun.run(
                            home,
                            "",
                            "admin",
                            "migrate",
                            "--from",
                            data.toString(),
                            "--to",
                            "mysql://root@localhost/x");
            assertThat(notPostgres.exit()).isNotZero();
            assertThat(notPostgres.err()).contains("postgresql://");
        }
    }
}
