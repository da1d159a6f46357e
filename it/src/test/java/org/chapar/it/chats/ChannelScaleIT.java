package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.Authenticate;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.GetChannelDifference;
import org.chapar.protocol.GetDifference;
import org.chapar.protocol.JoinChat;
import org.chapar.protocol.Register;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Update;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * A channel with 10,000 subscribers: a post is stored once, reaches every online subscriber live
 * (one publish, the same bytes to each connection) and GetChannelDifference brings offline ones up
 * to date. Subscribers are bare WebSocket connections, registered and joined concurrently. What is
 * stored is shown through requests, so this holds on any store.
 */
class ChannelScaleIT {
    static final int SUBSCRIBERS = 10_000;
    static final int ONLINE = 4_000;
    static final int OFFLINE_CHECKED = 100;
    static final int CONCURRENCY = 200;

    // every subscriber connects from 127.0.0.1: lift the per-address limits, which would count them
    // as one
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withRateLimits(RateLimits.unlimited()));

    private record Subscriber(int index, String token, RawConnection connection) {}

    @Test
    void aPostToTenThousandSubscribersIsStoredOnceAndReachesEveryone() throws Exception {
        TestUser owner = server.newUser("owner");
        String name = "scale_" + owner.id();
        long chat = Chats.create(owner, ChatKind.CHANNEL, "Ten thousand", name).getChat().getId();

        long t0 = System.nanoTime();
        List<Subscriber> subs = subscribe(name);
        long joined = System.nanoTime();
        assertThat(Chats.info(owner, chat).join().getChat().getMembersCount())
                .isEqualTo(SUBSCRIBERS + 1);

        long pts = Chats.send(owner, chat, "to all ten thousand").join().getPts();

        List<RawConnection> online =
                subs.stream()
                        .filter(s -> s.connection() != null)
                        .map(Subscriber::connection)
                        .toList();
        assertThat(online).hasSize(ONLINE);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Update>> got = new ArrayList<>();
            for (RawConnection c : online) {
                got.add(pool.submit(() -> awaitPost(c, chat)));
            }
            for (Future<Update> f : got) {
                Update u = f.get();
                assertThat(u.getPts()).isEqualTo(pts);
                assertThat(u.getNewMessage().getMessage().getText())
                        .isEqualTo("to all ten thousand");
            }
        }
        long delivered = System.nanoTime();
        online.forEach(RawConnection::close);

        // offline subscribers come back and catch up
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (Subscriber s : subs.subList(ONLINE, ONLINE + OFFLINE_CHECKED)) {
                done.add(pool.submit(() -> catchUp(s, chat, pts)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        // stored once: one message in the chat; one event in its box and none in the
        // subscribers' common boxes, as each catch-up above showed
        assertThat(Chats.history(owner, chat).join().getMessagesList())
                .extracting(m -> m.getText())
                .containsExactly("to all ten thousand");
        System.out.printf(
                "ChannelScaleIT: %d subscribers registered and joined in %d ms; post delivered live to %d"
                        + " online in %d ms%n",
                SUBSCRIBERS, (joined - t0) / 1_000_000, ONLINE, (delivered - joined) / 1_000_000);
    }

    private static List<Subscriber> subscribe(String channel) throws Exception {
        Semaphore slots = new Semaphore(CONCURRENCY);
        List<Future<Subscriber>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                int index = i;
                futures.add(
                        pool.submit(
                                () -> {
                                    slots.acquire();
                                    try {
                                        return subscribeOne(channel, index);
                                    } finally {
                                        slots.release();
                                    }
                                }));
            }
            List<Subscriber> out = new ArrayList<>();
            for (Future<Subscriber> f : futures) {
                out.add(f.get());
            }
            return out;
        }
    }

    private static Subscriber subscribeOne(String channel, int i) {
        RawConnection c = RawConnection.open(server.uri());
        String username = channel + "_s" + i;
        ServerFrame auth =
                c.call(
                        ClientFrame.newBuilder()
                                .setRegister(
                                        Register.newBuilder()
                                                .setUsername(username)
                                                .setPassword("password-" + i)
                                                .setDevice("scale")));
        assertThat(auth.hasAuthorization()).as("%s", auth).isTrue();
        ServerFrame joined =
                c.call(
                        ClientFrame.newBuilder()
                                .setJoinChat(JoinChat.newBuilder().setUsername(channel)));
        assertThat(joined.hasChatInfo()).as("%s", joined).isTrue();
        if (i < ONLINE) {
            return new Subscriber(i, auth.getAuthorization().getToken(), c);
        }
        c.close();
        return new Subscriber(i, auth.getAuthorization().getToken(), null);
    }

    private static Update awaitPost(RawConnection c, long chat) {
        while (true) {
            ServerFrame f = c.next();
            for (Update u : f.getUpdates().getUpdatesList()) {
                if (u.getChannelId() == chat && u.hasNewMessage()) {
                    return u;
                }
            }
        }
    }

    private static Void catchUp(Subscriber s, long chat, long pts) {
        try (RawConnection c = RawConnection.open(server.uri())) {
            ServerFrame auth =
                    c.call(
                            ClientFrame.newBuilder()
                                    .setAuthenticate(
                                            Authenticate.newBuilder().setToken(s.token())));
            assertThat(auth.hasAuthorization()).as("%s", auth).isTrue();
            var diff =
                    c.call(
                                    ClientFrame.newBuilder()
                                            .setGetDifference(GetDifference.getDefaultInstance()))
                            .getDifference();
            assertThat(diff.getChannelsList())
                    .anyMatch(h -> h.getChatId() == chat && h.getPts() == pts);
            assertThat(diff.getUpdatesList())
                    .as("the post wrote nothing into the subscriber's common box")
                    .noneMatch(
                            u ->
                                    u.hasNewMessage()
                                            && u.getNewMessage().getMessage().getPeer().getChatId()
                                                    == chat);
            var cd =
                    c.call(
                                    ClientFrame.newBuilder()
                                            .setGetChannelDifference(
                                                    GetChannelDifference.newBuilder()
                                                            .setChatId(chat)
                                                            .setPts(0)))
                            .getChannelDifference();
            assertThat(cd.getPts()).isEqualTo(pts);
            assertThat(cd.getUpdatesList())
                    .extracting(u -> u.getNewMessage().getMessage().getText())
                    .containsExactly("to all ten thousand");
        }
        return null;
    }
}
