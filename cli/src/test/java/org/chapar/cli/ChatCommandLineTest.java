package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The chat commands' arguments: wrong ones are refused before any server is asked. */
class ChatCommandLineTest {

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
    void helpListsTheChatCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "group",
                        "channel",
                        "join",
                        "leave",
                        "post",
                        "members",
                        "promote",
                        "restrict",
                        "ban",
                        "unban",
                        "invite",
                        "requests",
                        "pin",
                        "views");
    }

    @Test
    void sendUsageExplainsHowChatsAreNamed() {
        assertThat(run("send")).isEqualTo(2);
        assertThat(err()).contains("@NAME (a user or a public chat), chat#ID").contains("@me");
    }

    @Test
    void promoteNeedsKnownRights() {
        assertThat(run("promote", "@news", "@bob")).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--rights=A,B,C'");
        err.reset();
        assertThat(run("promote", "@news", "@bob", "--rights", "post_messages,fly")).isEqualTo(2);
        assertThat(err()).startsWith("error: USAGE: unknown right 'fly'");
        err.reset();
        assertThat(run("promote", "@news", "@bob", "--rights", "none")).isEqualTo(2);
        assertThat(err()).contains("chapar demote");
    }

    @Test
    void restrictAndBanNeedReadableTimes() {
        assertThat(
                        run(
                                "restrict",
                                "chat#5",
                                "@bob",
                                "--rights",
                                "send_messages",
                                "--until",
                                "soon"))
                .isEqualTo(2);
        assertThat(err()).startsWith("error: USAGE: cannot read the time 'soon'");
        err.reset();
        assertThat(run("--json", "ban", "chat#5", "@bob", "--until", "soon")).isEqualTo(2);
        assertThat(err()).contains("\"code\":\"USAGE\"");
        err.reset();
        assertThat(run("ban", "chat#5", "@bob", "--until=999999999999999d")).isEqualTo(2);
        assertThat(err())
                .startsWith(
                        "error: USAGE: the time '999999999999999d' is more than 366 days ahead");
        err.reset();
        assertThat(run("invite", "create", "chat#5", "--expire", "2020-01-01")).isEqualTo(2);
        assertThat(err()).startsWith("error: USAGE: the time '2020-01-01' is not in the future");
    }

    @Test
    void optionsThatDoNotFit() {
        assertThat(run("group", "create", "Team", "--public", "team_x")).isEqualTo(2);
        assertThat(err()).contains("--public needs --supergroup");
        err.reset();
        assertThat(run("members", "chat#5", "--filter", "friends")).isEqualTo(2);
        assertThat(err()).contains("--filter is all, admins, banned or restricted");
        assertThat(run("group")).isEqualTo(2);
        assertThat(run("invite", "create")).isEqualTo(2);
    }

    @Test
    void chatCommandsNeedALoggedInProfile() {
        assertThat(run("join", "@news")).isEqualTo(1);
        assertThat(err()).startsWith("error: AUTH_REQUIRED: ");
    }
}
