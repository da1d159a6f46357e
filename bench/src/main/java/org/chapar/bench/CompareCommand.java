package org.chapar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chapar.bench.driver.Driver;
import org.chapar.bench.driver.xmpp.XmppDriver;
import org.chapar.bench.scenario.Idle;
import org.chapar.bench.scenario.Run;
import org.chapar.bench.servers.EjabberdServer;
import org.chapar.bench.servers.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scenarios 1-2 (3 once Chapar has groups) on Chapar and then on ejabberd, with the same
 * generator and parameters, one server running at a time; prints both columns and the ratio.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Idle and direct on Chapar and ejabberd, side by side (bench/compare-ejabberd installs ejabberd first).")
final class CompareCommand implements Callable<Integer> {
    @Mixin
    Options options;

    @Option(names = "--connections", defaultValue = "5000", description = "Idle: connections") int connections;
    @Option(names = "--hold", defaultValue = "10s", converter = Options.DurationConverter.class) Duration hold;
    @Option(names = "--pairs", defaultValue = "500") int pairs;
    @Option(names = "--rates", defaultValue = "5000,max", split = ",", description = "Direct: offered rates, max = closed loop") List<String> rates;
    @Option(names = "--window", defaultValue = "8") int window;
    @Option(names = "--warmup", defaultValue = "10s", converter = Options.DurationConverter.class) Duration warmup;
    @Option(names = "--duration", defaultValue = "20s", converter = Options.DurationConverter.class) Duration duration;
    @Option(names = "--scenarios", defaultValue = "idle,direct", split = ",") List<String> scenarios;
    @Option(names = "--servers", defaultValue = "chapar,ejabberd", split = ",") List<String> servers;
    @Option(names = "--ejabberd-storage", description = "Where ejabberd archives messages (MAM): SQLITE, MNESIA, NONE."
            + " Default: SQLITE when erlang-p1-sqlite3 is installed, else NONE")
    EjabberdServer.Storage storage = EjabberdServer.Storage.preferred();

    @Override
    public Integer call() throws Exception {
        try (Bench bench = new Bench(options, Main.args)) {
            for (String server : servers) {
                List<org.chapar.bench.report.Result> results = new ArrayList<>();
                if (server.equals("ejabberd")) {
                    EjabberdServer ejabberd = EjabberdServer.start(storage);
                    bench.started(ejabberd);
                    try {
                        bench.environment("ejabberd", ejabberd.version() + " (MAM storage: " + storage + ")");
                        XmppDriver driver = new XmppDriver(bench.generator, ejabberd.address(), ejabberd.domain(), ejabberd.api());
                        results.addAll(scenarios(bench, ejabberd, driver));
                    } finally {
                        bench.stop(ejabberd);
                    }
                } else {
                    Target chapar = bench.chapar();
                    results.addAll(scenarios(bench, chapar, bench.chaparDriver(chapar)));
                    bench.stop(chapar);
                }
                results.forEach(bench::add);
            }
            bench.report();
        }
        return 0;
    }

    private List<org.chapar.bench.report.Result> scenarios(Bench bench, Target target, Driver driver) throws Exception {
        List<org.chapar.bench.report.Result> out = new ArrayList<>();
        if (scenarios.contains("idle")) {
            out.add(attempt("idle", target, () -> new Idle(connections, hold).run(bench.run(target, driver, "idle"))));
        }
        if (scenarios.contains("direct")) {
            for (String rate : rates) {
                var direct = Main.direct(pairs, rate, window, warmup, duration, 64);
                out.add(attempt(direct.name(), target, () -> direct.run(bench.run(target, driver, "direct"))));
            }
        }
        return out;
    }

    interface Scenario {
        org.chapar.bench.report.Result run() throws Exception;
    }

    /** A scenario that fails is reported as failed; the other server still gets its turn. */
    private static org.chapar.bench.report.Result attempt(String name, Target target, Scenario s) {
        try {
            return s.run();
        } catch (Exception e) {
            e.printStackTrace();
            return new org.chapar.bench.report.Result(name, target.name()).note("failed", String.valueOf(e));
        }
    }
}
