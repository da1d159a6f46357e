package org.chapar.bench;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Groups;
import org.chapar.bench.driver.chapar.ChaparDriver;
import org.chapar.bench.load.LoadGenerator;
import org.chapar.bench.load.SourceAddresses;
import org.chapar.bench.scenario.PostArrivals;
import org.chapar.protocol.ChatKind;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One generator process of a spread run ({@code idle --generators G}, {@code channel --generators
 * G}): the coordinating process starts G of these, since one process may hold at most 20,000 open
 * files. Talks in lines: it prints {@code PROVISIONED s}, connects its clients on {@code CONNECT}
 * and prints {@code CONNECTED ok failed s}; on {@code JOIN CHANNEL PARALLELISM} its connected
 * clients join the channel ({@code JOINED ok failed s}); on {@code AWAIT POST TIMEOUT_MS} it waits
 * for the post to reach every joined client ({@code RECEIVED arrived latestNanos}); on {@code
 * CLOSE} (or the end of its input) it prints {@code CLOSED stillOpen} and exits.
 */
@Command(name = "idle-worker", hidden = true)
final class IdleWorkerCommand implements Callable<Integer> {
    @Option(names = "--ws", required = true, split = ",", description = "The nodes' ws:// URIs")
    List<URI> nodes;

    @Option(names = "--count", required = true)
    int count;

    @Option(names = "--prefix", required = true)
    String prefix;

    @Option(names = "--sources", defaultValue = "127.0.0.2-127.0.0.9")
    String sources;

    @Option(names = "--threads", defaultValue = "2")
    int threads;

    @Option(names = "--max-connecting", defaultValue = "256")
    int maxConnecting;

    @Option(names = "--register-parallelism", defaultValue = "32")
    int registerParallelism;

    @Override
    public Integer call() throws Exception {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (LoadGenerator generator =
                new LoadGenerator(threads, SourceAddresses.parse(sources), maxConnecting)) {
            ChaparDriver driver =
                    new ChaparDriver(generator, nodes, registerParallelism, Optional.empty());
            long t0 = System.nanoTime();
            List<Account> accounts = driver.provision(prefix, count);
            say("PROVISIONED " + (System.nanoTime() - t0) / 1e9);
            if (!"CONNECT".equals(in.readLine())) return 1;
            long t1 = System.nanoTime();
            List<CompletableFuture<BenchClient>> clients = new ArrayList<>(count);
            PostArrivals arrivals = new PostArrivals();
            for (Account a : accounts) clients.add(driver.connect(a, arrivals));
            int failed = 0;
            java.util.Map<String, Integer> why = new java.util.TreeMap<>();
            for (CompletableFuture<BenchClient> c : clients) {
                try {
                    c.get(15, TimeUnit.MINUTES);
                } catch (Exception e) {
                    failed++;
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    why.merge(
                            cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                            1,
                            Integer::sum);
                }
            }
            // the causes go to this process's log (generatorN.log), the counts to the coordinator
            why.forEach((cause, n) -> System.err.println("connect failed " + n + "x: " + cause));
            say(
                    "CONNECTED "
                            + (count - failed)
                            + " "
                            + failed
                            + " "
                            + (System.nanoTime() - t1) / 1e9);
            int joined = 0;
            String line;
            while ((line = in.readLine()) != null && !line.equals("CLOSE")) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "JOIN" -> joined = join(driver, clients, f[1], Integer.parseInt(f[2]));
                    case "AWAIT" -> {
                        long[] got =
                                arrivals.await(
                                        Integer.parseInt(f[1]),
                                        joined,
                                        TimeUnit.MILLISECONDS.toNanos(Long.parseLong(f[2])));
                        say("RECEIVED " + got[0] + " " + got[1]);
                    }
                    default -> {
                        say("UNKNOWN " + line.length());
                        return 1;
                    }
                }
            }
            int open = 0;
            List<CompletableFuture<Void>> closing = new ArrayList<>();
            for (CompletableFuture<BenchClient> c : clients) {
                if (c.isDone() && !c.isCompletedExceptionally()) {
                    if (c.join().isOpen()) open++;
                    closing.add(c.join().close());
                }
            }
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(2, TimeUnit.MINUTES);
            say("CLOSED " + open);
        }
        return 0;
    }

    /** The connected clients join the channel, {@code parallelism} at a time; how many did. */
    private static int join(
            ChaparDriver driver,
            List<CompletableFuture<BenchClient>> clients,
            String channel,
            int parallelism)
            throws Exception {
        long t = System.nanoTime();
        Groups groups = driver.groups(ChatKind.CHANNEL);
        Semaphore permits = new Semaphore(parallelism);
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (CompletableFuture<BenchClient> c : clients) {
            if (c.isDone() && !c.isCompletedExceptionally()) {
                permits.acquire();
                CompletableFuture<Void> j = groups.join(c.join(), channel);
                j.whenComplete((v, e) -> permits.release());
                joins.add(j);
            }
        }
        int failed = 0;
        for (CompletableFuture<Void> j : joins) {
            try {
                j.get(15, TimeUnit.MINUTES);
            } catch (Exception e) {
                failed++;
            }
        }
        say(
                "JOINED "
                        + (joins.size() - failed)
                        + " "
                        + failed
                        + " "
                        + (System.nanoTime() - t) / 1e9);
        return joins.size() - failed;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
