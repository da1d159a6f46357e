package org.chapar.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.AffectedPts;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Difference;
import org.chapar.protocol.Message;
import org.chapar.protocol.PinnedMessage;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.State;
import org.chapar.protocol.Update;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How the link orders what it delivers: channel boxes apart from the common box, gaps filled by
 * difference, and answers that are events of their own.
 */
class LinkSequencingTest extends LinkFixture {
    private static Update post(long chat, long pts) {
        return msg(pts).toBuilder().setChannelId(chat).build();
    }

    @Test
    void channelBoxesAreSequencedApartAndCaughtUpFromTheirHeads() throws Exception {
        Resuming resuming = resume(new SyncState(5, "tok1", 1, java.util.Map.of(77L, 10L)));
        CompletableFuture<Void> connected = resuming.connected();
        FakeTransport.FakeConnection conn = resuming.conn();
        ClientFrame diff = conn.next();
        // the common box has nothing new; channel 77 moved to 12 and channel 88 is new to us at 40
        conn.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder()
                                        .setState(State.newBuilder().setPts(5))
                                        .addChannels(
                                                org.chapar.protocol.ChannelHead.newBuilder()
                                                        .setChatId(77)
                                                        .setPts(12))
                                        .addChannels(
                                                org.chapar.protocol.ChannelHead.newBuilder()
                                                        .setChatId(88)
                                                        .setPts(40))));
        connected.get(5, TimeUnit.SECONDS);
        ClientFrame channelDiff = conn.next();
        assertThat(channelDiff.getGetChannelDifference().getChatId()).isEqualTo(77);
        assertThat(channelDiff.getGetChannelDifference().getPts()).isEqualTo(10);
        conn.push(updates(post(77, 13), post(88, 41), msg(6))); // live while the channel catches up
        conn.reply(
                channelDiff,
                ServerFrame.newBuilder()
                        .setChannelDifference(
                                org.chapar.protocol.ChannelDifference.newBuilder()
                                        .addUpdates(post(77, 11))
                                        .addUpdates(post(77, 12))
                                        .setPts(12)));
        awaitDelivered(conn, 7, 41L, 6L, 11L, 12L, 13L);
        awaitStoredPts(7);
        assertThat(store.load().channelPts()).containsEntry(77L, 13L).containsEntry(88L, 41L);
    }

    @Test
    void aReadThatChangedNothingIsNotAnEvent() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        CompletableFuture<AffectedPts> read = client.readHistory(Peers.user(2), 5);
        conn.reply(
                conn.next(),
                ServerFrame.newBuilder()
                        .setAffected(AffectedPts.newBuilder().setPts(10).setPtsCount(0)));
        read.get(5, TimeUnit.SECONDS);
        conn.push(updates(msg(11)));
        awaitDelivered(conn, 12, 11L);
    }

    @Test
    void aGapThatStaysOpenIsFilledByDifferenceAfterTheWait() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        conn.push(updates(msg(12)));
        // each request is a sentinel: the link handled what came before it, the gap included
        client.getMe();
        assertThat(conn.next().hasGetMe()).isTrue();
        clock.advance(Duration.ofMillis(SyncDriver.GAP_WAIT_MS).minusNanos(1));
        client.getMe();
        assertThat(conn.next().hasGetMe()).as("no difference before the wait is over").isTrue();
        clock.advance(Duration.ofNanos(1));
        ClientFrame diff = conn.next();
        assertThat(diff.getGetDifference().getPts()).isEqualTo(10);
        conn.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder()
                                        .addUpdates(msg(11))
                                        .addUpdates(msg(12))
                                        .setState(State.newBuilder().setPts(12))));
        awaitDelivered(conn, 13, 11L, 12L);
    }

    @Test
    void aTooLongPushFetchesTheDifferenceAtOnce() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        conn.push(
                updates(
                        Update.newBuilder()
                                .setTooLong(org.chapar.protocol.TooLong.getDefaultInstance())
                                .build()));
        ClientFrame diff = conn.next();
        assertThat(diff.getGetDifference().getPts()).isEqualTo(10);
        conn.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder()
                                        .setTooLong(true)
                                        .setState(State.newBuilder().setPts(500))));
        awaitStoredPts(500);
    }

    private static ServerFrame.Builder affected(long pts, long channelId) {
        return ServerFrame.newBuilder()
                .setAffected(
                        AffectedPts.newBuilder()
                                .setPts(pts)
                                .setPtsCount(1)
                                .setChannelId(channelId));
    }

    private static Update pinned(long pts, boolean pinned) {
        return Update.newBuilder()
                .setPts(pts)
                .setPtsCount(1)
                .setPinnedMessage(
                        PinnedMessage.newBuilder()
                                .setPeer(Peers.chat(5))
                                .setId(3)
                                .setPinned(pinned))
                .build();
    }

    @Test
    void aSilentPinsAnswerIsItsEventAndItsPushADuplicate() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        ChatRequests chats = new ChatRequests(client);
        CompletableFuture<AffectedPts> pin = chats.pinMessage(Peers.chat(5), 3, false, true);
        conn.reply(conn.next(), affected(11, 0));
        assertThat(pin.get(5, TimeUnit.SECONDS).getPts()).isEqualTo(11);
        // no push yet: only the answer can have closed the box up to 11 for the sentinel at 12
        awaitDelivered(conn, 12, 11L);
        conn.push(updates(pinned(11, true)));
        CompletableFuture<AffectedPts> unpin = chats.pinMessage(Peers.chat(5), 3, true, false);
        conn.reply(conn.next(), affected(13, 0));
        unpin.get(5, TimeUnit.SECONDS);
        conn.push(updates(pinned(13, false)));
        awaitDelivered(conn, 14, 11L, 12L, 13L);
        assertThat(kinds)
                .containsExactly(
                        Update.KindCase.PINNED_MESSAGE,
                        Update.KindCase.NEW_MESSAGE,
                        Update.KindCase.PINNED_MESSAGE,
                        Update.KindCase.NEW_MESSAGE);
        awaitStoredPts(14);
    }

    @Test
    void aPinThatPostsAServiceMessageIsFetchedWhenNoPushBringsIt() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        CompletableFuture<AffectedPts> pin =
                new ChatRequests(client).pinMessage(Peers.chat(5), 3, false, false);
        conn.reply(conn.next(), affected(12, 0)); // the service message's pts; the pin is at 11
        pin.get(5, TimeUnit.SECONDS);
        // the link thread arms the gap timer after the answer's event, which may be after the
        // future completed: a timer set after the advance would never be due on this clock
        clock.awaitTimerWithin(Duration.ofMillis(SyncDriver.GAP_WAIT_MS));
        clock.advance(Duration.ofMillis(SyncDriver.GAP_WAIT_MS));
        ClientFrame diff = conn.next();
        assertThat(diff.getGetDifference().getPts()).isEqualTo(10);
        conn.reply(
                diff,
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder()
                                        .addUpdates(pinned(11, true))
                                        .addUpdates(msg(12))
                                        .setState(State.newBuilder().setPts(12))));
        awaitDelivered(conn, 13, 11L, 12L);
        assertThat(kinds).startsWith(Update.KindCase.PINNED_MESSAGE);
    }

    @Test
    void aPinThatPostsAServiceMessageTakesItsPushes() throws Exception {
        FakeTransport.FakeConnection conn = loggedIn(10);
        CompletableFuture<AffectedPts> pin =
                new ChatRequests(client).pinMessage(Peers.chat(5), 3, false, false);
        conn.reply(conn.next(), affected(12, 0));
        pin.get(5, TimeUnit.SECONDS);
        conn.push(updates(pinned(11, true), msg(12)));
        clock.advance(Duration.ofMillis(SyncDriver.GAP_WAIT_MS));
        client.getMe(); // a sentinel request: a difference would have been asked before it
        assertThat(conn.next().hasGetMe()).isTrue();
        awaitDelivered(conn, 13, 11L, 12L);
    }

    @Test
    void aForwardsAnswerMovesTheBoxItNames() throws Exception {
        Resuming resuming = resume(new SyncState(10, "tok1", 1, java.util.Map.of(77L, 20L)));
        CompletableFuture<Void> connected = resuming.connected();
        FakeTransport.FakeConnection conn = resuming.conn();
        conn.reply(
                conn.next(),
                ServerFrame.newBuilder()
                        .setDifference(
                                Difference.newBuilder().setState(State.newBuilder().setPts(10))));
        connected.get(5, TimeUnit.SECONDS);
        CompletableFuture<SentMessage> forward =
                new ChatRequests(client).forwardMessage(Peers.user(2), 4, Peers.chat(77));
        ClientFrame req = conn.next();
        assertThat(req.getForwardMessage().getRandomId()).isNotZero();
        conn.reply(
                req,
                ServerFrame.newBuilder()
                        .setSentMessage(
                                SentMessage.newBuilder()
                                        .setPts(21)
                                        .setPtsCount(1)
                                        .setChannelId(77)
                                        .setMessage(Message.newBuilder().setId(21))));
        assertThat(forward.get(5, TimeUnit.SECONDS).getChannelId()).isEqualTo(77);
        await("the channel's pts saved", () -> store.load().channelPts().get(77L) == 21L);
        conn.push(updates(post(77, 21), post(77, 22)));
        awaitDelivered(conn, 11, 21L, 22L);
    }
}
