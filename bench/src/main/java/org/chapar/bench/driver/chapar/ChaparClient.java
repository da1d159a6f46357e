package org.chapar.bench.driver.chapar;

import io.netty.channel.EventLoop;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Inbox;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.GetDifference;
import org.chapar.protocol.GetState;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * A logged-in Chapar client that keeps the pts of its common box the way a real client must: an
 * update whose {@code pts - pts_count} equals the local pts is applied, an older one is a
 * duplicate, a newer one means a gap, filled with GetDifference. Pushes that arrive while a
 * difference is being fetched wait and are replayed after it, so nothing is delivered twice. Only
 * new incoming messages reach the inbox.
 */
public final class ChaparClient implements BenchClient {
    private final Account account;
    private final Inbox inbox;
    private final int differencePage;
    private final LongAdder gaps;
    private ChaparConnection connection;
    private long pts;
    private boolean syncing;
    private final List<Update> held = new ArrayList<>();
    private final java.util.Map<Long, Long> channelPts = new java.util.HashMap<>();

    ChaparClient(Account account, Inbox inbox, int differencePage, LongAdder gaps) {
        this.account = account;
        this.inbox = inbox;
        this.differencePage = differencePage;
        this.gaps = gaps;
    }

    void attach(ChaparConnection connection) {
        this.connection = connection;
    }

    @Override
    public Account account() {
        return account;
    }

    public ChaparConnection connection() {
        return connection;
    }

    /** The pts this client has applied up to. */
    public long pts() {
        return pts;
    }

    /** Starts from the server's current state, skipping any history (a fresh client). */
    public CompletableFuture<Long> adoptState() {
        return call(ClientFrame.newBuilder().setGetState(GetState.getDefaultInstance()))
                .thenApplyAsync(f -> pts = f.getState().getPts(), eventLoop());
    }

    /**
     * Fetches every update after {@code fromPts}, page by page, delivering new messages; then
     * replays pushes held meanwhile. Completes with the number of updates fetched.
     */
    public CompletableFuture<Long> syncFrom(long fromPts) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        eventLoop()
                .execute(
                        () -> {
                            pts = fromPts;
                            syncing = true;
                            page(done, 0);
                        });
        return done;
    }

    private void page(CompletableFuture<Long> done, long fetched) {
        call(ClientFrame.newBuilder()
                        .setGetDifference(
                                GetDifference.newBuilder().setPts(pts).setLimit(differencePage)))
                .whenCompleteAsync(
                        (f, err) -> {
                            if (err != null) {
                                syncing = false;
                                done.completeExceptionally(err);
                                return;
                            }
                            var diff = f.getDifference();
                            for (Update u : diff.getUpdatesList()) deliver(u);
                            long total = fetched + diff.getUpdatesCount();
                            if (diff.getState().getPts() > pts) pts = diff.getState().getPts();
                            if (diff.getSlice()) {
                                page(done, total);
                                return;
                            }
                            syncing = false;
                            List<Update> replay = new ArrayList<>(held);
                            held.clear();
                            for (Update u : replay) apply(u);
                            done.complete(total);
                        },
                        eventLoop());
    }

    void onPush(ServerFrame frame) {
        if (!frame.hasUpdates()) return;
        for (Update u : frame.getUpdates().getUpdatesList()) {
            if (u.getPts() == 0) continue;
            if (u.getChannelId() != 0) {
                applyChannel(u);
                continue;
            }
            if (syncing) held.add(u);
            else apply(u);
        }
    }

    private void apply(Update u) {
        long before = u.getPts() - u.getPtsCount();
        if (u.getPts() <= pts) return; // duplicate
        if (before > pts) {
            gaps.increment();
            held.add(u);
            syncing = true;
            page(new CompletableFuture<>(), 0);
            return;
        }
        deliver(u);
        pts = u.getPts();
    }

    private void deliver(Update u) {
        if (u.getPts() != 0 && u.getPts() <= pts) return;
        if (u.hasNewMessage()) {
            var m = u.getNewMessage().getMessage();
            if (!m.getOut() && !m.hasAction())
                inbox.delivered(this, m.getText(), System.nanoTime());
        }
    }

    /**
     * An update of a supergroup's or channel's own box: one pts per chat, duplicates dropped. The
     * bench only measures live delivery, so a gap is counted, not filled (a client would call
     * GetChannelDifference); the scenarios report it as a loss.
     */
    private void applyChannel(Update u) {
        long local = channelPts.getOrDefault(u.getChannelId(), 0L);
        if (u.getPts() <= local) return;
        if (local != 0 && u.getPts() - u.getPtsCount() > local) gaps.increment();
        channelPts.put(u.getChannelId(), u.getPts());
        if (u.hasNewMessage()) {
            var m = u.getNewMessage().getMessage();
            // live channel pushes are encoded once for all: out is false, compare from_id
            if (!m.hasAction() && m.getFromId() != account.id())
                inbox.delivered(this, m.getText(), System.nanoTime());
        }
    }

    @Override
    public CompletableFuture<Void> sendDirect(Account to, String text) {
        return call(ClientFrame.newBuilder()
                        .setSendMessage(
                                SendMessage.newBuilder()
                                        .setPeer(
                                                Peer.newBuilder()
                                                        .setUserId(to.id())
                                                        .setAccessHash(to.accessHash()))
                                        .setText(text)
                                        .setRandomId(ThreadLocalRandom.current().nextLong())))
                .thenApply(f -> null);
    }

    /** One request; an error frame fails the future with a {@link ChaparException}. */
    public CompletableFuture<ServerFrame> call(ClientFrame.Builder request) {
        return connection.request(request).thenApply(ChaparClient::orThrow);
    }

    static ServerFrame orThrow(ServerFrame f) {
        if (f.hasError()) throw new ChaparException(f.getError());
        return f;
    }

    @Override
    public EventLoop eventLoop() {
        return connection.channel().eventLoop();
    }

    @Override
    public boolean isOpen() {
        return connection != null && connection.channel().isActive();
    }

    @Override
    public CompletableFuture<Void> close() {
        return connection.close();
    }
}
