package org.chapar.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.util.concurrent.ScheduledFuture;

import org.HdrHistogram.Histogram;
import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.driver.bot.BotApiClient;
import org.chapar.bench.driver.bot.WebhookReceiver;
import org.chapar.bench.driver.chapar.ChaparBots;
import org.chapar.bench.load.LatencySeries;
import org.chapar.bench.report.Result;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bots 1: {@code users} online users write private messages to one bot at a fixed offered rate in
 * total (open loop, paced like the direct scenario), and the bot takes them by long polling
 * (getUpdates with an offset, 100 at a time, as a bot's library does) or by webhook (a receiver on
 * loopback). Latency is from the intended send to the bot's receipt: the getUpdates answer or the
 * webhook request read. Each message carries a sequence number, so that lost and repeated updates
 * are counted exactly. After the sends stop, the bot's backlog is waited for as long as it keeps
 * arriving (up to 3 minutes), so what is undelivered after the drain is lost.
 */
public record BotUpdates(
        int users, double rate, Via via, Duration warmup, Duration duration, int textBytes) {

    /**
     * The drain after the sends stop ends when nothing more arrived for this long, or at the cap.
     */
    private static final Duration DRAIN_STALL = Duration.ofSeconds(5),
            DRAIN_MAX = Duration.ofMinutes(3);

    /** How the bot takes its updates. */
    public enum Via {
        POLL,
        WEBHOOK
    }

    private static final class Window {
        volatile long measureFrom = Long.MAX_VALUE;
        volatile long measureTo = Long.MAX_VALUE;
        volatile boolean sending = true;
        volatile boolean receiving = true;
    }

    public String name() {
        return "bot " + via.name().toLowerCase(Locale.ROOT) + " " + Math.round(rate) + "/s";
    }

    /** {@code origin}: the server's HTTP origin, where the Bot API is. */
    public Result run(Run run, URI origin) throws Exception {
        Result result =
                new Result(name(), run.target().name())
                        .parameter("users", users)
                        .parameter("rate", rate)
                        .parameter("via", via.name().toLowerCase(Locale.ROOT))
                        .parameter("duration", duration.toString());
        run.log("provisioning %,d accounts", users + 1);
        List<Account> accounts = run.driver().provision(run.accountPrefix(), users + 1);
        BenchClient owner =
                run.driver().connect(accounts.get(0), Inbox.IGNORE).get(1, TimeUnit.MINUTES);
        ChaparBots.Bot bot = ChaparBots.create(owner).get(1, TimeUnit.MINUTES);

        long origin0 = System.nanoTime();
        LatencySeries e2e = new LatencySeries(origin0), uncorrected = new LatencySeries(origin0);
        LongAdder sent = new LongAdder(), sendErrors = new LongAdder();
        AtomicInteger sequence = new AtomicInteger();
        Window w = new Window();
        Receipts receipts = new Receipts();
        String pad = "x".repeat(Math.max(0, textBytes - 48));

        WebhookReceiver hook = null;
        Thread poller = null;
        AtomicInteger polls = new AtomicInteger();
        LongAdder pollErrors = new LongAdder();
        BotApiClient api = new BotApiClient(origin, bot.token());
        if (via == Via.WEBHOOK) {
            hook = new WebhookReceiver((u, now) -> receipts.take(u, now, w, e2e, uncorrected));
            api.call(
                    "setWebhook",
                    Map.of("url", hook.url().toString(), "secret_token", hook.secret()));
        } else {
            poller =
                    Thread.ofPlatform()
                            .name("bot-poll")
                            .start(
                                    () -> {
                                        long offset = 0;
                                        while (w.receiving) {
                                            try {
                                                JsonNode updates =
                                                        api.call(
                                                                "getUpdates",
                                                                Map.of(
                                                                        "offset", offset,
                                                                        "limit", 100,
                                                                        "timeout", 1));
                                                long now = System.nanoTime();
                                                polls.incrementAndGet();
                                                for (JsonNode u : updates) {
                                                    offset = u.path("update_id").asLong() + 1;
                                                    receipts.take(u, now, w, e2e, uncorrected);
                                                }
                                            } catch (InterruptedException e) {
                                                return;
                                            } catch (Exception e) {
                                                pollErrors.increment();
                                            }
                                        }
                                    });
        }

        run.log("connecting %,d users of bot @%s (%s)", users, bot.account().username(), via);
        List<CompletableFuture<BenchClient>> connecting = new ArrayList<>(users);
        for (Account a : accounts.subList(1, accounts.size()))
            connecting.add(run.driver().connect(a, Inbox.IGNORE));
        BenchClient[] clients =
                Run.all(connecting, Duration.ofMinutes(10)).toArray(BenchClient[]::new);

        List<ScheduledFuture<?>> pacers =
                OpenLoop.pace(
                        clients,
                        rate,
                        () -> w.sending,
                        (i, intended) -> {
                            sent.increment();
                            String text =
                                    new StringBuilder(64 + pad.length())
                                            .append(intended)
                                            .append(' ')
                                            .append(System.nanoTime())
                                            .append(' ')
                                            .append(sequence.getAndIncrement())
                                            .append(' ')
                                            .append(pad)
                                            .toString();
                            clients[i]
                                    .sendDirect(bot.account(), text)
                                    .whenComplete(
                                            (ok, x) -> {
                                                if (x != null) sendErrors.increment();
                                            });
                        });

        run.log("warming up for %s", warmup);
        Thread.sleep(warmup.toMillis());
        long from = System.nanoTime();
        e2e.reset(from);
        uncorrected.reset(from);
        long cpu0 = run.serverCpuNanos(), gen0 = Run.generatorCpuNanos();
        int polls0 = polls.get();
        w.measureFrom = from;
        w.measureTo = from + duration.toNanos();
        OpenLoop.sampleEverySecond(run, e2e, uncorrected, from, w.measureTo);
        long cpu1 = run.serverCpuNanos(), gen1 = Run.generatorCpuNanos();
        int polls1 = polls.get();
        w.sending = false;
        pacers.forEach(p -> p.cancel(false));
        long inWindow = receipts.inWindow();

        // a bot that fell behind gets its backlog as long as it keeps coming: wait while it does
        long drainFrom = System.nanoTime(), progressAt = drainFrom, got = receipts.unique();
        while (receipts.unique() < sent.sum() - sendErrors.sum()
                && System.nanoTime() - progressAt < DRAIN_STALL.toNanos()
                && System.nanoTime() - drainFrom < DRAIN_MAX.toNanos()) {
            Thread.sleep(50);
            if (receipts.unique() > got) {
                got = receipts.unique();
                progressAt = System.nanoTime();
            }
        }
        double drainSeconds = (System.nanoTime() - drainFrom) / 1e9;
        Thread.sleep(200); // the acknowledgements of the last sends
        w.receiving = false;
        if (poller != null) poller.join(TimeUnit.SECONDS.toMillis(10));
        if (hook != null) {
            api.call("deleteWebhook", Map.of());
            hook.close();
        }
        api.close();
        e2e.drain();
        uncorrected.drain();
        Histogram total = e2e.total(), raw = uncorrected.total();
        double seconds = duration.toNanos() / 1e9;
        result.metric("offered rate", rate, "msgs/s")
                .metric("delivered to the bot", inWindow / seconds, "updates/s");
        OpenLoop.latencies(result, total, raw);
        if (cpu0 >= 0 && inWindow > 0) {
            result.metric(
                            "server cpu per 1k updates",
                            (cpu1 - cpu0) / 1e6 / (inWindow / 1000.0),
                            "ms")
                    .metric("server cpu", (cpu1 - cpu0) / (seconds * 1e9) * 100, "% of a core");
        }
        if (via == Via.POLL && polls1 > polls0) {
            result.metric(
                            "updates per getUpdates",
                            (double) inWindow / (polls1 - polls0),
                            "updates")
                    .metric("getUpdates errors", pollErrors.sum(), "calls");
        }
        if (hook != null) result.metric("webhook requests refused", hook.refused(), "requests");
        result.metric("generator cpu", (gen1 - gen0) / (seconds * 1e9) * 100, "% of a core")
                .metric("send errors", sendErrors.sum(), "msgs")
                .metric("drain time", drainSeconds, "s")
                .metric(
                        "undelivered after drain",
                        Math.max(0, sent.sum() - sendErrors.sum() - receipts.unique()),
                        "msgs")
                .metric("duplicated", receipts.repeated(), "updates")
                .metric("foreign updates", receipts.foreign(), "updates")
                .intervals(e2e.intervals());
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        closing.add(owner.close());
        for (BenchClient c : clients) closing.add(c.close());
        Run.failures(closing, Duration.ofMinutes(1));
        return result;
    }

    /** What the bot got, on its one receiving thread (the poller or the webhook server). */
    private static final class Receipts {
        private final BitSet seen = new BitSet();
        private long inWindow, unique, repeated, foreign;

        synchronized void take(
                JsonNode update, long now, Window w, LatencySeries e2e, LatencySeries uncorrected) {
            String text = update.path("message").path("text").asText("");
            int s1 = text.indexOf(' '), s2 = text.indexOf(' ', s1 + 1);
            if (s1 <= 0 || s2 < 0 || !Character.isDigit(text.charAt(0))) {
                foreign++;
                return;
            }
            int seq = (int) Direct.parse(text, s2 + 1);
            if (seen.get(seq)) {
                repeated++;
                return;
            }
            seen.set(seq);
            unique++;
            long intended = Direct.parse(text, 0), actual = Direct.parse(text, s1 + 1);
            if (now >= w.measureFrom && now < w.measureTo) inWindow++;
            if (now >= w.measureFrom && intended < w.measureTo) {
                e2e.record(now - intended);
                uncorrected.record(now - actual);
            }
        }

        synchronized long inWindow() {
            return inWindow;
        }

        synchronized long unique() {
            return unique;
        }

        synchronized long repeated() {
            return repeated;
        }

        synchronized long foreign() {
            return foreign;
        }
    }
}
