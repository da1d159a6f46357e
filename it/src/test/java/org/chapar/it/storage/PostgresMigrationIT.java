package org.chapar.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.CreateInviteLink;
import org.chapar.protocol.Dialog;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageViewCount;
import org.chapar.protocol.Peer;
import org.chapar.server.store.postgres.PgUrl;
import org.chapar.server.store.postgres.SqliteToPostgres;
import org.chapar.testkit.PostgresTestDatabase;
import org.chapar.testkit.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An embedded deployment populated through real clients (accounts and their sessions, a private
 * chat, a group, a channel with posts, views and an invite link) is stopped and moved to PostgreSQL
 * with the migration of {@code chapar admin migrate}; a server on PostgreSQL then lets the same
 * clients in with the same tokens, and they see the same dialogs, histories, view counts and box
 * heads. New writes continue the boxes and the id sequences, and the old invite link works.
 */
class PostgresMigrationIT {
    @TempDir Path temp;

    private final List<ChaparClient> clients = new ArrayList<>();

    private ChaparClient connect(URI uri) {
        return Ledger.connect(uri, clients);
    }

    /** What a user sees of their account: box head, dialogs, every history. */
    private record Seen(long pts, List<Dialog> dialogs, Map<String, List<String>> histories) {}

    private static Seen seen(ChaparClient c) {
        List<Dialog> dialogs = c.getDialogs("", 100).join().getDialogsList();
        Map<String, List<String>> histories = new TreeMap<>();
        for (Dialog d : dialogs) {
            List<String> texts = new ArrayList<>();
            for (Message m : c.getHistory(d.getPeer(), 0, 100).join().getMessagesList()) {
                texts.add(m.getId() + ":" + m.getFromId() + ":" + m.getText());
            }
            histories.put(d.getPeer().toString(), texts);
        }
        return new Seen(c.getState().join().getPts(), dialogs, histories);
    }

    @Test
    void aMigratedDeploymentKeepsAccountsSessionsChatsAndBoxes() throws Exception {
        Path data = temp.resolve("data");
        Authorization alice;
        Authorization bob;
        Authorization carol;
        long channel;
        String inviteHash;
        List<Long> posts = new ArrayList<>();
        Seen[] before = new Seen[3];
        List<MessageViewCount> viewsBefore;
        ServerProcess embedded = ServerProcess.start(data, 0);
        try {
            ChaparClient a = connect(embedded.uri());
            alice = a.register("alice", "password-alice", null, "t").join();
            ChaparClient b = connect(embedded.uri());
            bob = b.register("bobby", "password-bob", null, "t").join();
            ChaparClient c = connect(embedded.uri());
            carol = c.register("carol", "password-carol", null, "t").join();

            Peer toBob = Peers.user(bob.getUser());
            for (int i = 0; i < 3; i++) {
                a.sendMessage(toBob, "hello bob " + i).join();
            }
            b.sendMessage(Peers.user(alice.getUser()), "hi alice").join();
            b.readHistory(Peers.user(alice.getUser()), 2).join();
            // carol lets alice add her to groups (the partner rule of privacy)
            c.sendMessage(Peers.user(alice.getUser()), "hi alice, carol here").join();

            ChatRequests aliceChats = new ChatRequests(a);
            long group =
                    aliceChats
                            .createChat(
                                    ChatKind.GROUP,
                                    "friends",
                                    "",
                                    List.of(bob.getUser(), carol.getUser()))
                            .join()
                            .getChat()
                            .getId();
            a.sendMessage(Peers.chat(group), "welcome").join();
            c.sendMessage(Peers.chat(group), "thanks").join();

            channel =
                    aliceChats
                            .createChat(ChatKind.CHANNEL, "news", "migchan", List.of())
                            .join()
                            .getChat()
                            .getId();
            inviteHash =
                    aliceChats
                            .createInviteLink(
                                    CreateInviteLink.newBuilder()
                                            .setChatId(channel)
                                            .setTitle("for friends")
                                            .build())
                            .join()
                            .getHash();
            new ChatRequests(c).joinByInvite(inviteHash).join();
            new ChatRequests(b).joinByUsername("migchan").join();
            for (int i = 0; i < 3; i++) {
                posts.add(
                        a.sendMessage(Peers.chat(channel), "post " + i)
                                .join()
                                .getMessage()
                                .getId());
            }
            new ChatRequests(b).getMessageViews(channel, posts, true).join();
            new ChatRequests(c).getMessageViews(channel, posts.subList(0, 1), true).join();
            viewsBefore = new ChatRequests(a).getMessageViews(channel, posts, false).join();
            before[0] = seen(a);
            before[1] = seen(b);
            before[2] = seen(c);
        } finally {
            clients.forEach(ChaparClient::close);
            clients.clear();
            embedded.close();
        }

        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            List<SqliteToPostgres.TableCopy> copied =
                    SqliteToPostgres.migrate(data, PgUrl.parse(db.url()));
            assertThat(copied).allMatch(SqliteToPostgres.TableCopy::matches);
            Map<String, Long> rows = new TreeMap<>();
            copied.forEach(t -> rows.put(t.table(), t.targetRows()));
            assertThat(rows)
                    // the three users and @BotFather, with its bot row and in-process webhook
                    .containsEntry("users", 4L)
                    .containsEntry("bots", 1L)
                    .containsEntry("bot_webhooks", 1L)
                    .containsEntry("sessions", 3L)
                    .containsEntry("private_chats", 2L)
                    .containsEntry("shared_chats", 2L)
                    .containsEntry("invite_links", 1L)
                    .containsEntry("message_views", 4L)
                    .containsEntry("author_seeds", 4L)
                    // the keys of access hashes, media signed URLs, bots' file_ids, the media root
                    .containsEntry("server_keys", 4L);
            assertThat(rows.get("admin_log")).isPositive();
            // 5 private, 2 group and 3 channel messages, plus the service messages of creating and
            // joining
            assertThat(rows.get("messages")).isGreaterThanOrEqualTo(10L);

            ServerProcess clustered =
                    ServerProcess.options()
                            .jvm("-Dchapar.store=" + db.url())
                            .start(temp.resolve("unused"), 0);
            try {
                ChaparClient a = connect(clustered.uri());
                a.authenticate(alice.getToken()).join();
                ChaparClient b = connect(clustered.uri());
                b.authenticate(bob.getToken()).join();
                ChaparClient c = connect(clustered.uri());
                c.authenticate(carol.getToken()).join();
                assertThat(seen(a)).isEqualTo(before[0]);
                assertThat(seen(b)).isEqualTo(before[1]);
                assertThat(seen(c)).isEqualTo(before[2]);
                assertThat(new ChatRequests(a).getMessageViews(channel, posts, false).join())
                        .isEqualTo(viewsBefore);

                long bobPts = b.getState().join().getPts();
                a.sendMessage(Peers.user(bob.getUser()), "after the move").join();
                assertThat(b.getDifference(bobPts, 100).join().toString())
                        .contains("after the move");
                assertThat(b.getState().join().getPts()).isEqualTo(bobPts + 1);

                ChaparClient d = connect(clustered.uri());
                Authorization dave = d.register("davey", "password-dave", null, "t").join();
                assertThat(dave.getUser().getId()).isGreaterThan(carol.getUser().getId());
                assertThat(new ChatRequests(d).joinByInvite(inviteHash).join().getChat().getId())
                        .isEqualTo(channel);
                ChaparClient again = connect(clustered.uri());
                assertThat(again.login("alice", "password-alice", "t").join().getUser().getId())
                        .isEqualTo(alice.getUser().getId());
            } finally {
                clients.forEach(ChaparClient::close);
                clustered.close();
            }
        }
    }
}
