package org.chapar.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChaparException;
import org.chapar.client.Peers;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.chapar.testkit.NatsProcess;
import org.chapar.testkit.PostgresTestDatabase;
import org.chapar.testkit.ServerProcess;
import org.chapar.testkit.TcpProxy;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Three node processes on the real PostgreSQL (this test's own database, behind a proxy the test
 * owns) and the test's own nats-server, with the members of a supergroup and a channel on different
 * nodes: posts, edits and deletes reach the other nodes' members; NATS stopped for 10 s mid-traffic
 * loses nothing acknowledged and the members catch up, each post once; PostgreSQL cut for 10 s
 * answers every write STORE_UNAVAILABLE with a retry-after (never a success it did not store) and
 * the nodes write again by themselves once it is back.
 */
class ClusterChatsIT {
    @TempDir Path temp;

    @Test
    void sharedChatsAcrossThreeNodesSurviveTenSecondsWithoutNatsAndWithoutPostgres()
            throws Exception {
        List<ChaparClient> clients = new ArrayList<>();
        List<ServerProcess> nodes = new ArrayList<>();
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                TcpProxy pg = TcpProxy.start(PostgresTestDatabase.HOST, PostgresTestDatabase.PORT);
                NatsProcess nats = NatsProcess.start()) {
            nodes.addAll(
                    ServerProcess.options().onCluster(db.url(pg.port()), nats).startNodes(temp, 3));
            ChaparClient alice = connect(nodes.get(0).uri(), clients);
            alice.register("cc_alice", "password-alice", null, "t").join();
            ChaparClient bob = connect(nodes.get(1).uri(), clients);
            User bobUser = bob.register("cc_bob", "password-bob", null, "t").join().getUser();
            ChaparClient carol = connect(nodes.get(2).uri(), clients);
            User carolUser =
                    carol.register("cc_carol", "password-carol", null, "t").join().getUser();
            UpdateRecorder bobSees = new UpdateRecorder();
            bob.addUpdateListener(bobSees);
            UpdateRecorder carolSees = new UpdateRecorder();
            carol.addUpdateListener(carolSees);

            // private chats across nodes first (the privacy rule: members added by whom they wrote
            // to)
            User aliceUser = alice.getMe().join();
            UpdateRecorder aliceSees = new UpdateRecorder();
            alice.addUpdateListener(aliceSees);
            bob.sendMessage(Peers.user(aliceUser), "hi alice, bob").join();
            carol.sendMessage(Peers.user(aliceUser), "hi alice, carol").join();
            aliceSees.awaitOne(newMessage("hi alice, bob"));
            aliceSees.awaitOne(newMessage("hi alice, carol"));

            Peer group = create(alice, ChatKind.SUPERGROUP, "team", bobUser, carolUser);
            Peer channel = create(alice, ChatKind.CHANNEL, "news", bobUser, carolUser);

            // the supergroup: a post each way, an edit and a delete, seen on the other nodes
            SentMessage hello = alice.sendMessage(group, "hello team").join();
            bobSees.awaitOne(newMessage("hello team"));
            carolSees.awaitOne(newMessage("hello team"));
            bob.sendMessage(group, "bob here").join();
            carolSees.awaitOne(newMessage("bob here"));
            alice.editMessage(group, hello.getMessage().getId(), "hello, team").join();
            carolSees.awaitOne(edited("hello, team"));
            bobSees.awaitOne(edited("hello, team"));
            SentMessage oops = alice.sendMessage(group, "oops").join();
            carolSees.awaitOne(newMessage("oops"));
            alice.deleteMessages(group, List.of(oops.getMessage().getId()), true).join();
            carolSees.awaitOne(Update::hasDeletedMessages);
            assertThat(texts(carol, group))
                    .contains("hello, team", "bob here")
                    .doesNotContain("oops");

            // the channel: a post reaches subscribers on both other nodes
            alice.sendMessage(channel, "post 0").join();
            bobSees.awaitOne(newMessage("post 0"));
            carolSees.awaitOne(newMessage("post 0"));

            // NATS away for 10 s mid-traffic: every send still stored and acknowledged
            List<String> duringNats = new ArrayList<>();
            nats.stop();
            long stoppedAt = System.nanoTime();
            for (int i = 0; System.nanoTime() - stoppedAt < TimeUnit.SECONDS.toNanos(10); i++) {
                String text = "nats-out " + i;
                Peer to = i % 2 == 0 ? channel : group;
                assertThat(alice.sendMessage(to, text).get(30, TimeUnit.SECONDS).getPts())
                        .isPositive();
                duringNats.add(text);
                Thread.sleep(500);
            }
            nats.startAgain();
            for (String text : duringNats) {
                bobSees.await(newMessage(text), 1, Duration.ofSeconds(60));
                carolSees.await(newMessage(text), 1, Duration.ofSeconds(60));
            }
            // each node reconnects on its own schedule: a post made through a node still
            // reconnecting waits in its client's buffer, so the live check starts once all are back
            for (ServerProcess node : nodes) {
                awaitBusOk(node);
            }
            alice.sendMessage(group, "nats back").join();
            carolSees.awaitOne(newMessage("nats back"));
            bobSees.awaitOne(newMessage("nats back"));
            for (String text : duringNats) {
                assertThat(bobSees.all()).filteredOn(newMessage(text)).as(text).hasSize(1);
                assertThat(carolSees.all()).filteredOn(newMessage(text)).as(text).hasSize(1);
            }

            // PostgreSQL away for 10 s: writes refused, retryably; nothing refused stored
            Set<String> acked = new HashSet<>();
            Set<String> refused = new HashSet<>();
            long retryAfter = 0;
            pg.cut();
            long cutAt = System.nanoTime();
            for (int i = 0; System.nanoTime() - cutAt < TimeUnit.SECONDS.toNanos(10); i++) {
                String text = "pg-out " + i;
                ChaparClient from = i % 2 == 0 ? alice : bob;
                try {
                    from.sendMessage(group, text).get(60, TimeUnit.SECONDS);
                    acked.add(text);
                } catch (ExecutionException e) {
                    ChaparException ce = (ChaparException) e.getCause();
                    if (ce.getCode() == ErrorCode.INTERNAL
                            && ce.getMessage().contains("may have been applied")) {
                        continue; // a commit cut mid-way: checked below to be stored at most once
                    }
                    // "not applied, retry after", whether the write found its connection cut
                    // under it or no connection to be had
                    assertThat(ce.getCode())
                            .as(ce.getMessage())
                            .isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                    retryAfter = Math.max(retryAfter, ce.retryAfterMs());
                    refused.add(text);
                }
                Thread.sleep(300);
            }
            pg.restore();
            assertThat(refused).as("writes refused while PostgreSQL is away").isNotEmpty();
            assertThat(retryAfter).as("refusals say when to retry").isPositive();
            SentMessage back = awaitWrite(alice, group, "pg back");
            assertThat(back.getPts()).isPositive();
            bob.sendMessage(group, "bob after pg").join();
            carolSees.awaitOne(newMessage("pg back"));
            carolSees.awaitOne(newMessage("bob after pg"));
            for (String text : acked) {
                carolSees.await(newMessage(text), 1, Duration.ofSeconds(60));
            }

            Map<String, Integer> stored = new HashMap<>();
            for (String t : texts(carol, group)) {
                if (!t.isEmpty()) { // service messages (created, joined) carry no text
                    stored.merge(t, 1, Integer::sum);
                }
            }
            assertThat(stored.keySet()).as("acknowledged posts stored").containsAll(acked);
            assertThat(stored.keySet())
                    .as("supergroup posts acknowledged while NATS was away")
                    .containsAll(groupPosts(duringNats));
            assertThat(stored.values())
                    .as("nothing stored twice: %s", stored)
                    .allMatch(c -> c == 1);
            assertThat(refused).as("refused posts not stored").noneMatch(stored::containsKey);
            for (String text : acked) {
                assertThat(carolSees.all()).filteredOn(newMessage(text)).as(text).hasSize(1);
            }
        } catch (Throwable t) {
            for (int i = 0; i < nodes.size(); i++) {
                t.addSuppressed(nodes.get(i).outputNote("node " + i, 300));
                t.addSuppressed(nodes.get(i).threadsNote("node " + i));
            }
            throw t;
        } finally {
            clients.forEach(ChaparClient::close);
            for (ServerProcess p : nodes) {
                p.close();
            }
        }
    }

    /** The odd ones went to the supergroup, the even ones to the channel. */
    private static List<String> groupPosts(List<String> duringNats) {
        List<String> odd = new ArrayList<>();
        for (int i = 1; i < duringNats.size(); i += 2) {
            odd.add(duringNats.get(i));
        }
        return odd;
    }

    /** The first write accepted after the outage: the node recovers without a restart. */
    private static SentMessage awaitWrite(ChaparClient c, Peer to, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return c.sendMessage(to, text).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                ChaparException ce = (ChaparException) e.getCause();
                assertThat(ce.getCode()).as(ce.getMessage()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                assertThat(System.nanoTime()).as("writes again within 60 s").isLessThan(deadline);
                Thread.sleep(Math.max(100, ce.retryAfterMs()));
            }
        }
    }

    private static Peer create(ChaparClient owner, ChatKind kind, String title, User... members) {
        CreateChat.Builder b = CreateChat.newBuilder().setKind(kind).setTitle(title);
        for (User m : members) {
            b.addMembers(Peers.input(m));
        }
        long id =
                owner.call(ClientFrame.newBuilder().setCreateChat(b))
                        .join()
                        .getChatInfo()
                        .getChat()
                        .getId();
        return Peers.chat(id);
    }

    private static List<String> texts(ChaparClient c, Peer chat) {
        return c.getHistory(chat, 0, 100).join().getMessagesList().stream()
                .map(Message::getText)
                .toList();
    }

    private static Predicate<Update> edited(String text) {
        return u ->
                u.hasEditedMessage() && u.getEditedMessage().getMessage().getText().equals(text);
    }

    private static void awaitBusOk(ServerProcess node) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(node.httpUri("/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.body().contains("\"bus\":\"ok\"")) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("bus back on %s: %s", node.uri(), r.body())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static ChaparClient connect(URI uri, List<ChaparClient> clients) {
        ChaparClient c =
                ChaparClient.builder(uri)
                        .clientName("cluster-chats-test")
                        .maxReconnectBackoff(Duration.ofSeconds(1))
                        .build();
        clients.add(c);
        c.connect().join();
        return c;
    }
}
