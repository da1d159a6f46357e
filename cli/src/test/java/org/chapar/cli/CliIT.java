package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.testkit.ChaparServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The chapar command run in-process against a real server, with CHAPAR_HOME in a temp dir. */
class CliIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir Path home;

    private CliRun chapar(String stdin, String... args) {
        return CliRun.run(home, stdin, args);
    }

    private CliRun ok(String... args) {
        CliRun r = chapar("", args);
        assertThat(r.exit()).as("exit of %s; stderr: %s", List.of(args), r.err()).isZero();
        return r;
    }

    private String serverUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    private String register(String profile, String prefix) {
        String name = prefix + "_cli" + NAMES.incrementAndGet();
        CliRun r =
                chapar(
                        "password-" + name + "\n",
                        "--profile",
                        profile,
                        "register",
                        name,
                        "--server",
                        serverUrl(),
                        "--password-stdin",
                        "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json().get(0);
        assertThat(j.get("user").get("username").asText()).isEqualTo(name);
        assertThat(j.get("server").asText()).isEqualTo(serverUrl());
        return name;
    }

    @Test
    void twoProfilesChatThroughTheCommandLine() throws Exception {
        String alice = register("alice", "alice");
        String bob = register("bob", "bob");

        JsonNode sent =
                ok("--profile", "alice", "--json", "send", "@" + bob, "hello", "bob").json().get(0);
        assertThat(sent.get("message").get("text").asText()).isEqualTo("hello bob");
        long firstId = sent.get("message").get("id").asLong();
        assertThat(ok("--profile", "alice", "send", "@" + bob, "second").out())
                .startsWith("Sent #");

        // bob missed both: listen catches up from the profile's pts and stops after two
        List<JsonNode> heard =
                ok("--profile", "bob", "--json", "listen", "--count", "2", "--timeout", "20")
                        .json();
        List<JsonNode> messages =
                heard.stream().filter(n -> n.get("type").asText().equals("new_message")).toList();
        assertThat(messages)
                .extracting(n -> n.get("message").get("text").asText())
                .containsExactly("hello bob", "second");
        assertThat(messages.get(0).get("message").get("id").asLong()).isEqualTo(firstId);

        // ... and a second listen prints nothing of it again: what it missed comes before it
        // says it is listening, and it said so with nothing printed
        CliRun.Running again =
                CliRun.start(home, "", "--profile", "bob", "--json", "listen", "--timeout", "1")
                        .awaitErr("{\"listening\":true,\"profile\":\"bob\"}");
        assertThat(again.outSoFar()).isEmpty();
        CliRun quiet = again.result();
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.json()).noneMatch(n -> n.has("pts"));

        JsonNode chat = ok("--profile", "bob", "--json", "chats").json().get(0);
        assertThat(chat.get("user").get("username").asText()).isEqualTo(alice);
        assertThat(chat.get("unread_count").asInt()).isEqualTo(2);
        assertThat(chat.get("top_message").get("text").asText()).isEqualTo("second");
        assertThat(ok("--profile", "bob", "chats").out())
                .contains("@" + alice + " (2 unread)")
                .contains("second");

        String history = ok("--profile", "bob", "history", "@" + alice).out();
        assertThat(history.indexOf("hello bob"))
                .isLessThan(history.indexOf("second")); // oldest at the top
        assertThat(history).contains("@" + alice + ": hello bob").contains("[#" + firstId + " ");
        assertThat(ok("--profile", "bob", "--json", "history", "@" + alice, "--limit", "1").json())
                .extracting(n -> n.get("text").asText())
                .containsExactly("second");

        JsonNode read = ok("--profile", "bob", "--json", "read", "@" + alice).json().get(0);
        assertThat(read.get("max_id").asLong()).isEqualTo(firstId + 1);
        assertThat(
                        ok("--profile", "bob", "--json", "chats")
                                .json()
                                .get(0)
                                .get("unread_count")
                                .asInt())
                .isZero();

        // a live listener: started first, then a message arrives
        CliRun.Running listening =
                CliRun.start(
                                home,
                                "",
                                "--profile",
                                "alice",
                                "--json",
                                "listen",
                                "--count",
                                "4",
                                "--timeout",
                                "20")
                        .awaitErr("\"listening\":true");
        ok("--profile", "bob", "send", "@" + alice, "live", "reply");
        CliRun live = listening.result();
        assertThat(live.exit()).as(live.err() + live.out()).isZero();
        List<JsonNode> events = live.json().stream().filter(n -> n.has("pts")).toList();
        // alice's own two sends (she never listened before), bob's read receipt, then the reply
        assertThat(events)
                .extracting(n -> n.get("type").asText())
                .containsExactly("new_message", "new_message", "read_outbox", "new_message");
        assertThat(events.get(0).get("message").get("out").asBoolean()).isTrue();
        assertThat(events.get(3).get("message").get("text").asText()).isEqualTo("live reply");
    }

    @Test
    void savedMessagesAreTheChatWithYourself() {
        String dana = register("dana", "dana");
        assertThat(ok("--profile", "dana", "send", "@me", "buy", "milk").out())
                .startsWith("Sent #")
                .contains("to Saved Messages");
        ok("--profile", "dana", "send", "@" + dana, "call", "mum");

        String history = ok("--profile", "dana", "history", "@me").out();
        assertThat(history).contains("you: buy milk").contains("you: call mum");
        assertThat(history.indexOf("buy milk")).isLessThan(history.indexOf("call mum"));
        assertThat(ok("--profile", "dana", "history", "@" + dana).out()).isEqualTo(history);

        String chats = ok("--profile", "dana", "chats").out();
        assertThat(chats.lines()).hasSize(1);
        assertThat(chats).startsWith("Saved Messages  you: call mum").doesNotContain("unread");
        List<JsonNode> listed = ok("--profile", "dana", "--json", "chats").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("user").get("self").asBoolean()).isTrue();
        assertThat(listed.get(0).get("unread_count").asInt()).isZero();
        assertThat(ok("--profile", "dana", "read", "@me").out()).startsWith("Read Saved Messages");

        // the device's listen sees each note once
        List<JsonNode> heard =
                ok("--profile", "dana", "--json", "listen", "--count", "2", "--timeout", "20")
                        .json();
        assertThat(heard)
                .filteredOn(n -> n.has("pts"))
                .extracting(n -> n.get("message").get("text").asText())
                .containsExactly("buy milk", "call mum");
    }

    @Test
    void accountCommands() {
        String carol = register("default", "carol");
        JsonNode me = ok("whoami", "--json").json().get(0);
        assertThat(me.get("username").asText()).isEqualTo(carol);
        assertThat(ok("whoami").out()).contains("@" + carol);

        CliRun relogin =
                chapar(
                        "password-" + carol + "\n",
                        "login",
                        carol,
                        "--password-stdin"); // while logged in
        assertThat(relogin.exit()).as(relogin.err()).isZero();
        assertThat(ok("users", "search", carol.substring(0, 6), "--json").json())
                .extracting(n -> n.get("username").asText())
                .contains(carol);

        // a second device of the same account, then revoke it from the first
        CliRun login =
                chapar(
                        "password-" + carol + "\n",
                        "--profile",
                        "phone",
                        "login",
                        carol,
                        "--server",
                        serverUrl(),
                        "--password-stdin",
                        "--device",
                        "phone");
        assertThat(login.exit()).as(login.err()).isZero();
        List<JsonNode> sessions = ok("sessions", "--json").json();
        assertThat(sessions).hasSize(3); // register, re-login, phone
        JsonNode phone =
                sessions.stream()
                        .filter(s -> s.get("device").asText().equals("phone"))
                        .findFirst()
                        .orElseThrow();
        assertThat(phone.get("current").asBoolean()).isFalse();
        ok("sessions", "revoke", phone.get("id").asText());
        CliRun revoked = chapar("", "--profile", "phone", "--json", "whoami");
        assertThat(revoked.exit()).isEqualTo(1);
        assertThat(revoked.err()).contains("\"error\"");

        CliRun wrong =
                chapar(
                        "not-the-password\n",
                        "--profile",
                        "other",
                        "login",
                        carol,
                        "--server",
                        serverUrl(),
                        "--password-stdin");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("error: INVALID_CREDENTIALS: ");

        ok("logout");
        CliRun after = chapar("", "whoami");
        assertThat(after.exit()).isEqualTo(1);
        assertThat(after.err()).startsWith("error: AUTH_REQUIRED: ");

        CliRun back =
                chapar(
                        "password-" + carol + "\n",
                        "login",
                        carol,
                        "--password-stdin"); // the server is remembered
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(ok("whoami").out()).contains("@" + carol);
    }

    @Test
    void editProfileRenamesAndRefusesANameThatIsTaken() {
        String dora = register("default", "dora");
        String erin = register("erin", "erin");

        JsonNode me =
                ok("edit-profile", "--display-name", "Dora D", "--username", "re_" + dora, "--json")
                        .json()
                        .get(0);
        assertThat(me.get("username").asText()).isEqualTo("re_" + dora);
        assertThat(me.get("display_name").asText()).isEqualTo("Dora D");
        assertThat(ok("whoami").out()).contains("@re_" + dora);

        CliRun taken = chapar("", "--profile", "erin", "edit-profile", "--username", "re_" + dora);
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).startsWith("error: USERNAME_TAKEN: ");
        CliRun nothing = chapar("", "--profile", "erin", "edit-profile");
        assertThat(nothing.exit()).isEqualTo(2);
        // the name dora left is free
        assertThat(ok("--profile", "erin", "edit-profile", "--username", dora).out())
                .contains("@" + dora);
        assertThat(
                        ok("--profile", "erin", "--json", "whoami")
                                .json()
                                .get(0)
                                .get("username")
                                .asText())
                .isEqualTo(dora)
                .isNotEqualTo(erin);
    }
}
