package org.chapar.bench.scenario;

import org.chapar.bench.driver.chapar.ChaparDriver;
import org.chapar.bench.load.LoadGenerator;
import org.chapar.bench.load.SourceAddresses;
import org.chapar.bench.servers.ExternalServer;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generator, the Chapar driver and the scenario runs of the scenario ITs, against a test's
 * server on loopback (two source addresses, two event loops): small scale, quiet progress.
 */
final class ScenarioBench implements AutoCloseable {
    private static final AtomicInteger RUNS = new AtomicInteger();

    final LoadGenerator generator;
    final ChaparDriver driver;
    private final int port;

    ScenarioBench(int port) {
        this.port = port;
        this.generator = new LoadGenerator(2, SourceAddresses.parse("127.0.0.2-127.0.0.3"), 64);
        this.driver = new ChaparDriver(generator, URI.create("ws://127.0.0.1:" + port + "/ws"), 8);
    }

    /** A run whose accounts are named apart from every other run's. */
    Run run(String name) {
        return new Run(
                new ExternalServer(
                        "chapar", new InetSocketAddress("127.0.0.1", port), OptionalLong.empty()),
                driver,
                generator,
                name + RUNS.incrementAndGet() + "_" + (System.nanoTime() % 100000) + "_",
                new PrintStream(OutputStream.nullOutputStream()));
    }

    /** The server's HTTP origin. */
    URI origin() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    public void close() {
        generator.close();
    }
}
