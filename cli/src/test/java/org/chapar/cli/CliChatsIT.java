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

/** Groups, channels, admins and invite links from the command line, against a real server. */
class CliChatsIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir Path home;

    private CliRun chapar(String stdin, String... args) {
        return CliRun.run(home, stdin, args);
    }

    /** Runs as {@code profile} and expects success. */
    private CliRun as(String profile, String... args) {
        CliRun r = chapar("", withProfile(profile, args));
        assertThat(r.exit())
                .as("exit of %s as %s; stderr: %s", List.of(args), profile, r.err())
                .isZero();
        return r;
    }

    /** Runs as {@code profile} and expects a failure. */
    private CliRun fails(String profile, String... args) {
        CliRun r = chapar("", withProfile(profile, args));
        assertThat(r.exit())
                .as("exit of %s as %s; stdout: %s", List.of(args), profile, r.out())
                .isNotZero();
        return r;
    }

    private static String[] withProfile(String profile, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--profile";
        all[1] = profile;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    private String register(String profile) {
        String name = profile + "_cc" + NAMES.incrementAndGet();
        CliRun.register(home, server.port(), profile, name);
        // these users add each other to groups without having talked first
        as(profile, "privacy", "--group-invites", "everybody");
        return name;
    }

    @Test
    void aGroupWithMembersTalksAndHandsOutInviteLinks() {
        String alice = register("alice");
        String bob = register("bob");
        String carol = register("carol");

        JsonNode created =
                as(
                                "alice",
                                "--json",
                                "group",
                                "create",
                                "Team",
                                "--members",
                                "@" + bob + ",@" + carol)
                        .first();
        assertThat(created.get("chat").get("kind").asText()).isEqualTo("group");
        assertThat(created.get("chat").get("members_count").asInt()).isEqualTo(3);
        assertThat(created.get("member").get("status").asText()).isEqualTo("creator");
        String group = "chat#" + created.get("chat").get("id").asLong();

        JsonNode sent = as("alice", "--json", "send", group, "hello", "team").first();
        assertThat(sent.get("message").get("peer").get("chat_id").asLong())
                .isEqualTo(created.get("chat").get("id").asLong());
        as(
                "bob",
                "send",
                "#" + created.get("chat").get("id").asLong(),
                "hi",
                "alice"); // the #ID form

        List<JsonNode> history = as("carol", "--json", "history", group).json();
        assertThat(history)
                .extracting(n -> n.get("text").asText())
                .containsSubsequence("hello team", "hi alice");
        assertThat(history.get(0).get("action").get("type").asText()).isEqualTo("chat_created");
        assertThat(as("carol", "history", group).out())
                .contains("@" + alice + ": hello team")
                .contains("@" + bob + ": hi alice");

        assertThat(as("bob", "chats").out()).contains("Team (group " + group + ")");
        assertThat(as("bob", "--json", "chats").json())
                .anySatisfy(
                        d -> assertThat(d.path("chat").path("title").asText()).isEqualTo("Team"));
        assertThat(as("bob", "--json", "members", group).json())
                .extracting(n -> n.get("username").asText())
                .containsExactlyInAnyOrder(alice, bob, carol);

        // an invite link with a limit
        JsonNode link =
                as("alice", "--json", "invite", "create", group, "--limit", "5", "--expire", "1d")
                        .first();
        assertThat(link.get("usage_limit").asInt()).isEqualTo(5);
        assertThat(link.get("link").asText()).startsWith("chapar:join/");
        String dave = register("dave");
        JsonNode joined = as("dave", "--json", "join", link.get("link").asText()).first();
        assertThat(joined.get("chat").get("title").asText()).isEqualTo("Team");
        assertThat(as("alice", "invite", "list", group).out())
                .contains(link.get("hash").asText())
                .contains("used 1/5");

        // a link that needs approval: the join is a request, an admin approves it
        String approvalLink =
                as("alice", "--json", "invite", "create", group, "--approval")
                        .first()
                        .get("link")
                        .asText();
        String erin = register("erin");
        JsonNode asked = as("erin", "--json", "join", approvalLink).first();
        assertThat(asked.get("status").asText()).isEqualTo("request_sent");
        assertThat(fails("erin", "history", group).err()).startsWith("error: CHANNEL_PRIVATE: ");
        assertThat(as("alice", "--json", "requests", "list", group).json())
                .extracting(n -> n.get("username").asText())
                .containsExactly(erin);
        JsonNode approved = as("alice", "--json", "requests", "approve", group, "@" + erin).first();
        assertThat(approved.get("member").get("status").asText()).isEqualTo("member");
        assertThat(as("erin", "history", group).out()).contains("hello team");

        // revoked: nobody joins with it any more
        as("alice", "invite", "revoke", group, link.get("link").asText());
        String frank = register("frank");
        assertThat(fails("frank", "join", link.get("link").asText()).err())
                .startsWith("error: INVITE_HASH_EXPIRED: ");

        // pin, ban, unban
        long helloId = sent.get("message").get("id").asLong();
        assertThat(as("bob", "pin", group, String.valueOf(helloId)).out())
                .contains("Pinned #" + helloId);
        as("alice", "ban", group, "@" + dave);
        assertThat(fails("dave", "send", group, "still", "here?").err())
                .startsWith("error: USER_BANNED_IN_CHANNEL: ");
        assertThat(
                        as("alice", "--json", "unban", group, "@" + dave)
                                .first()
                                .get("member")
                                .get("status")
                                .asText())
                .isEqualTo("left");
        String hash = as("alice", "--json", "invite", "create", group).first().get("hash").asText();
        assertThat(as("dave", "join", hash).out())
                .startsWith("Joined Team"); // a bare hash works too
    }

    @Test
    void aPublicChannelIsJoinedByNameAndAdminsGetRights() throws Exception {
        register("alice");
        String bob = register("bob");
        register("carol");
        String name = "news_cc" + NAMES.incrementAndGet();

        JsonNode channel =
                as("alice", "--json", "channel", "create", "News", "--public", name)
                        .first()
                        .get("chat");
        assertThat(channel.get("kind").asText()).isEqualTo("channel");
        assertThat(channel.get("username").asText()).isEqualTo(name);

        JsonNode joined = as("bob", "--json", "join", "@" + name).first();
        assertThat(joined.get("member").get("status").asText()).isEqualTo("member");
        as("carol", "join", "@" + name);

        // bob and carol listen live while alice posts: the post is the first event each hears
        CliRun.Running listening =
                CliRun.start(
                                home,
                                "",
                                "--profile",
                                "bob",
                                "--json",
                                "listen",
                                "--count",
                                "1",
                                "--timeout",
                                "20")
                        .awaitErr("{\"listening\":true,\"profile\":\"bob\"}");
        CliRun.Running listeningText =
                CliRun.start(
                                home,
                                "",
                                "--profile",
                                "carol",
                                "listen",
                                "--count",
                                "1",
                                "--timeout",
                                "20")
                        .awaitErr("Listening as profile carol (Ctrl-C stops)");
        JsonNode post =
                as("alice", "--json", "post", "@" + name, "first", "post").first().get("message");
        assertThat(post.get("post").asBoolean()).isTrue();
        assertThat(post.get("from_id").asLong()).isZero();
        long postId = post.get("id").asLong();
        CliRun heard = listening.result();
        assertThat(heard.exit()).as(heard.err()).isZero();
        assertThat(heard.json())
                .anySatisfy(
                        u -> {
                            assertThat(u.path("message").path("text").asText())
                                    .isEqualTo("first post");
                            assertThat(u.path("message").path("post").asBoolean()).isTrue();
                            assertThat(u.path("channel_id").asLong())
                                    .isEqualTo(channel.get("id").asLong());
                        });
        assertThat(listeningText.result().out())
                .contains("-> @" + name + " [#" + postId + " ")
                .contains("@" + name + ": first post");

        // a subscriber may not post; history and views by @name
        assertThat(fails("bob", "post", "@" + name, "me", "too").err())
                .startsWith("error: CHAT_WRITE_FORBIDDEN: ");
        assertThat(as("bob", "history", "@" + name).out()).contains("@" + name + ": first post");
        // its author sees it as their own: their profile's key verifies the post's author tag
        assertThat(as("alice", "history", "@" + name).out())
                .contains("] you: first post")
                .doesNotContain("@" + name + ": first post");
        assertThat(
                        as(
                                        "bob",
                                        "--json",
                                        "views",
                                        "@" + name,
                                        String.valueOf(postId),
                                        "--increment")
                                .first()
                                .get("views")
                                .asInt())
                .isEqualTo(1);
        as("carol", "views", "@" + name, String.valueOf(postId), "--increment");
        assertThat(as("alice", "views", "@" + name, String.valueOf(postId)).out())
                .contains("#" + postId + "  2 views");

        // promote with rights; a member cannot promote
        JsonNode promoted =
                as(
                                "alice",
                                "--json",
                                "promote",
                                "@" + name,
                                "@" + bob,
                                "--rights",
                                "post_messages,edit_messages")
                        .first()
                        .get("member");
        assertThat(promoted.get("status").asText()).isEqualTo("admin");
        assertThat(promoted.get("admin_rights"))
                .extracting(JsonNode::asText)
                .containsExactly("post_messages", "edit_messages");
        as("bob", "post", "@" + name, "from", "bob");
        CliRun refused = fails("carol", "promote", "@" + name, "@" + bob, "--rights", "ban_users");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error: CHAT_ADMIN_REQUIRED: ");
        CliRun refusedJson =
                fails("carol", "--json", "promote", "@" + name, "@" + bob, "--rights", "ban_users");
        assertThat(JsonView.mapper().readTree(refusedJson.err()).get("error").get("code").asText())
                .isEqualTo("CHAT_ADMIN_REQUIRED");
        // bob holds neither add_admins nor ban_users, so cannot hand them on
        assertThat(fails("bob", "promote", "@" + name, "@" + bob, "--rights", "ban_users").err())
                .startsWith("error: ");

        assertThat(as("alice", "--json", "members", "@" + name, "--filter", "admins").json())
                .extracting(n -> n.get("status").asText())
                .contains("creator", "admin");
        as("alice", "demote", "@" + name, "@" + bob);
        assertThat(fails("bob", "post", "@" + name, "again").err())
                .startsWith("error: CHAT_WRITE_FORBIDDEN: ");

        assertThat(
                        as("bob", "--json", "leave", "@" + name)
                                .first()
                                .get("member")
                                .get("status")
                                .asText())
                .isEqualTo("left");
        assertThat(fails("bob", "leave", "@no_such_chat_here").err())
                .startsWith("error: CHAT_NOT_FOUND: ");
    }

    @Test
    void aPublicSupergroupIsAddressedByNameAndRestrictsUntilATime() {
        register("alice");
        String bob = register("bob");
        String name = "club_cc" + NAMES.incrementAndGet();

        JsonNode club =
                as("alice", "--json", "group", "create", "Club", "--supergroup", "--public", name)
                        .first()
                        .get("chat");
        assertThat(club.get("kind").asText()).isEqualTo("supergroup");
        as("bob", "join", "@" + name);
        assertThat(as("bob", "send", "@" + name, "hello", "club").out())
                .startsWith("Sent #")
                .endsWith("to Club (supergroup @" + name + ")" + System.lineSeparator());
        assertThat(as("alice", "history", "@" + name).out()).contains("@" + bob + ": hello club");
        assertThat(as("alice", "--json", "read", "@" + name).first().get("max_id").asLong())
                .isPositive();

        JsonNode restricted =
                as(
                                "alice",
                                "--json",
                                "restrict",
                                "@" + name,
                                "@" + bob,
                                "--rights",
                                "send_messages,embed_links",
                                "--until",
                                "2h")
                        .first()
                        .get("member");
        assertThat(restricted.get("restrictions"))
                .extracting(JsonNode::asText)
                .containsExactly("send_messages", "embed_links");
        long until = restricted.get("until_date").asLong();
        assertThat(until)
                .isBetween(
                        System.currentTimeMillis() / 1000 + 7000,
                        System.currentTimeMillis() / 1000 + 7300);
        assertThat(fails("bob", "send", "@" + name, "let", "me").err())
                .startsWith("error: CHAT_WRITE_FORBIDDEN: ");
        assertThat(as("alice", "--json", "members", "@" + name, "--filter", "restricted").json())
                .extracting(n -> n.get("username").asText())
                .containsExactly(bob);
        as("alice", "restrict", "@" + name, "@" + bob, "--rights", "none");
        as("bob", "send", "@" + name, "thanks");
    }
}
