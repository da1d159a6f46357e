package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.chapar.client.Peers;
import org.chapar.protocol.User;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Reads longer than the protocol's page, and many sends from standard input, through the CLI. */
class CliPagingIT {
    /**
     * A burst of 100 sends, then 100 a second: a long `send -` meets FLOOD_WAIT and waits it out.
     */
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    c ->
                            c.withRateLimits(
                                    c.rateLimits()
                                            .withSendsPerUser(new RateLimits.Rule(100, 6_000))));

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

    private String register(String profile) {
        String name = profile + "_page" + NAMES.incrementAndGet();
        CliRun.register(home, server.port(), profile, name);
        return name;
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(i -> "m" + i)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private List<String> texts(String... args) {
        return ok(args).json().stream().map(n -> n.get("text").asText()).toList();
    }

    private static List<String> expected(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void sendDashSendsEveryLineAndHistoryPagesPastTheProtocolLimit() {
        register("alice");
        String bob = register("bob");

        CliRun sent = chapar(lines(1, 150), "--profile", "alice", "--json", "send", "@" + bob, "-");
        assertThat(sent.exit()).as(sent.err()).isZero();
        List<JsonNode> acks = sent.json();
        assertThat(acks)
                .extracting(n -> n.get("message").get("text").asText())
                .containsExactlyElementsOf(expected(1, 150));
        long first = acks.get(0).get("message").get("id").asLong();
        assertThat(acks)
                .extracting(n -> n.get("message").get("id").asLong())
                .containsExactlyElementsOf(
                        IntStream.range(0, 150).mapToObj(i -> first + i).toList());

        String[] bobHistory = {"--profile", "alice", "--json", "history", "@" + bob};
        assertThat(texts(concat(bobHistory, "--limit", "1000"))).isEqualTo(expected(1, 150));
        assertThat(texts(concat(bobHistory, "--limit", "120"))).isEqualTo(expected(31, 150));
        assertThat(texts(concat(bobHistory))).isEqualTo(expected(131, 150)); // default 20
        long idOf101 = first + 100;
        assertThat(texts(concat(bobHistory, "--before", "" + idOf101, "--limit", "500")))
                .isEqualTo(expected(1, 100));
        assertThat(texts(concat(bobHistory, "--after", "" + (first + 9), "--limit", "105")))
                .isEqualTo(expected(11, 115));
        assertThat(texts(concat(bobHistory, "--after", "" + (first + 139), "--limit", "105")))
                .isEqualTo(expected(141, 150));
        assertThat(
                        texts(
                                concat(
                                        bobHistory,
                                        "--after",
                                        "" + (first + 9),
                                        "--before",
                                        "" + (first + 15))))
                .isEqualTo(expected(11, 15));
        assertThat(
                        ok(
                                        "--profile",
                                        "alice",
                                        "history",
                                        "@" + bob,
                                        "--after",
                                        "" + (first + 149))
                                .out())
                .contains("No messages");
    }

    @Test
    void sendDashSaysWhichLinesWereRefusedAndSendsTheRest() {
        register("carol");
        String dave = register("dave");
        String tooLong = "x".repeat(5000);
        CliRun r =
                chapar(
                        "first\n\n" + tooLong + "\nlast\n",
                        "--profile",
                        "carol",
                        "send",
                        "@" + dave,
                        "-");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines()).hasSize(2).allMatch(l -> l.startsWith("Sent #"));
        assertThat(r.err())
                .contains("error: MESSAGE_TOO_LONG: line 3: ")
                .contains("not sent: the messages of lines [3]");
        assertThat(texts("--profile", "carol", "--json", "history", "@" + dave))
                .containsExactly("first", "last");
    }

    @Test
    void chatsPagesPastTheProtocolLimit() {
        String erin = register("erin");
        User erinUser =
                server.newUser("lookup").client().resolveUsername(erin).join(); // with access hash
        int senders = 105;
        for (int i = 0; i < senders; i++) {
            TestUser u = server.newUser("fan");
            u.client().sendMessage(Peers.user(erinUser), "hi " + i).join();
        }
        List<JsonNode> all = ok("--profile", "erin", "--json", "chats", "--limit", "1000").json();
        assertThat(all).hasSize(senders);
        assertThat(all.get(0).get("top_message").get("text").asText())
                .isEqualTo("hi " + (senders - 1)); // most recent first
        assertThat(all.stream().map(n -> n.get("user").get("id").asLong()).distinct())
                .hasSize(senders);
        assertThat(ok("--profile", "erin", "--json", "chats", "--limit", "101").json())
                .hasSize(101);
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
