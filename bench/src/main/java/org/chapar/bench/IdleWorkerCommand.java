package org.chapar.bench;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Inbox;
import org.chapar.bench.driver.chapar.ChaparDriver;
import org.chapar.bench.load.LoadGenerator;
import org.chapar.bench.load.SourceAddresses;

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
import java.util.concurrent.TimeUnit;

/**
 * One generator process of a spread idle run ({@code idle --generators G}): the coordinating
 * process starts G of these, since one process may hold at most 20,000 open files. Talks in lines:
 * it prints {@code PROVISIONED s}, connects its clients on {@code CONNECT} and prints {@code
 * CONNECTED ok failed s}, and on {@code CLOSE} (or the end of its input) prints {@code CLOSED
 * stillOpen} and exits.
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
            for (Account a : accounts) clients.add(driver.connect(a, Inbox.IGNORE));
            int failed = 0;
            for (CompletableFuture<BenchClient> c : clients) {
                try {
                    c.get(15, TimeUnit.MINUTES);
                } catch (Exception e) {
                    failed++;
                }
            }
            say(
                    "CONNECTED "
                            + (count - failed)
                            + " "
                            + failed
                            + " "
                            + (System.nanoTime() - t1) / 1e9);
            String line;
            while ((line = in.readLine()) != null && !line.equals("CLOSE")) {
                // nothing else is asked of a worker
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

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
