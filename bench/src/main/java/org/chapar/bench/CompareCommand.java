package org.chapar.bench;

import org.chapar.bench.driver.Driver;
import org.chapar.bench.driver.xmpp.XmppDriver;
import org.chapar.bench.scenario.Direct;
import org.chapar.bench.scenario.Group;
import org.chapar.bench.scenario.Idle;
import org.chapar.bench.scenario.Run;
import org.chapar.bench.servers.EjabberdServer;
import org.chapar.bench.servers.Target;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Scenarios 1-3 (idle, direct, group) on Chapar and then on ejabberd, with the same generator and
 * parameters, one server running at a time; prints both columns and the ratio.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description =
                "Idle, direct and group on Chapar and ejabberd, side by side (bench/compare-ejabberd installs ejabberd first).")
final class CompareCommand implements Callable<Integer> {
    @Mixin Options options;

    @Option(names = "--connections", defaultValue = "5000", description = "Idle: connections")
    int connections;

    @Option(names = "--hold", defaultValue = "10s", converter = Options.DurationConverter.class)
    Duration hold;

    @Option(names = "--pairs", defaultValue = "500")
    int pairs;

    @Option(
            names = "--rates",
            defaultValue = "5000,max",
            split = ",",
            description = "Direct: offered rates, max = closed loop")
    List<String> rates;

    @Option(names = "--window", defaultValue = "8")
    int window;

    @Option(names = "--warmup", defaultValue = "10s", converter = Options.DurationConverter.class)
    Duration warmup;

    @Option(names = "--duration", defaultValue = "20s", converter = Options.DurationConverter.class)
    Duration duration;

    @Option(names = "--groups", defaultValue = "5", description = "Group: groups")
    int groups;

    @Option(names = "--members", defaultValue = "200", description = "Group: members per group")
    int members;

    @Option(
            names = "--online",
            defaultValue = "0.5",
            description = "Group: fraction of members online")
    double online;

    @Option(
            names = "--group-rates",
            defaultValue = "50",
            split = ",",
            description = "Group: posts/s offered in total")
    List<Double> groupRates;

    @Option(
            names = "--group-kind",
            defaultValue = "GROUP",
            description = "Group on Chapar: GROUP (<= 200, members' boxes) or SUPERGROUP (own box)")
    org.chapar.protocol.ChatKind groupKind;

    @Option(
            names = "--scenarios",
            defaultValue = "idle,direct",
            split = ",",
            description = "idle, direct, group")
    List<String> scenarios;

    @Option(
            names = "--servers",
            defaultValue = "chapar,ejabberd",
            split = ",",
            description =
                    "chapar, ejabberd (archive per --ejabberd-storage), ejabberd-sqlite, ejabberd-mnesia, ejabberd-none")
    List<String> servers;

    @Option(
            names = "--ejabberd-storage",
            description =
                    "Where ejabberd archives messages (MAM): SQLITE, MNESIA, NONE."
                            + " Default: SQLITE when erlang-p1-sqlite3 is installed, else NONE")
    EjabberdServer.Storage storage = EjabberdServer.Storage.preferred();

    @Override
    public Integer call() throws Exception {
        try (Bench bench = new Bench(options, Main.args)) {
            List<NamedScenario> plan = new ArrayList<>();
            if (scenarios.contains("idle"))
                plan.add(new NamedScenario("idle", run -> new Idle(connections, hold).run(run)));
            if (scenarios.contains("direct")) {
                for (String rate : rates) {
                    Direct direct = Main.direct(pairs, rate, window, warmup, duration, 64);
                    plan.add(new NamedScenario(direct.name(), direct::run));
                }
            }
            if (scenarios.contains("group")) {
                for (double rate : groupRates) {
                    Group group = new Group(groups, members, online, rate, warmup, duration, 64);
                    plan.add(
                            new NamedScenario(
                                    group.name(),
                                    run ->
                                            run.driver()
                                                            instanceof
                                                            org.chapar.bench.driver.chapar
                                                                            .ChaparDriver
                                                                    cd
                                                    ? group.run(run, cd.groups(groupKind))
                                                    : group.run(run)));
                }
            }
            // Each scenario gets a freshly started server, so that no backlog or state of one
            // scenario leaks into the next; the servers take turns, never running together.
            for (NamedScenario s : plan) {
                for (String server : servers) bench.add(runOn(bench, server, s));
            }
            bench.report();
        }
        return 0;
    }

    record NamedScenario(String name, Scenario body) {}

    private org.chapar.bench.report.Result runOn(Bench bench, String server, NamedScenario s) {
        Target target = null;
        try {
            Driver driver;
            if (server.startsWith("ejabberd")) {
                EjabberdServer.Storage st =
                        server.contains("-")
                                ? EjabberdServer.Storage.valueOf(
                                        server.substring(server.indexOf('-') + 1)
                                                .toUpperCase(java.util.Locale.ROOT))
                                : storage;
                EjabberdServer ejabberd = EjabberdServer.start(st);
                target = ejabberd;
                bench.started(ejabberd);
                bench.environment("ejabberd", ejabberd.version());
                driver =
                        new XmppDriver(
                                bench.generator,
                                ejabberd.address(),
                                ejabberd.domain(),
                                ejabberd.api());
            } else {
                target = bench.chapar();
                driver = bench.chaparDriver(target);
            }
            return s.body().run(bench.run(target, driver, s.name()));
        } catch (Exception e) {
            e.printStackTrace();
            return new org.chapar.bench.report.Result(
                            s.name(), target != null ? target.name() : server)
                    .note("failed", String.valueOf(e));
        } finally {
            if (target != null) bench.stop(target);
        }
    }

    interface Scenario {
        org.chapar.bench.report.Result run(Run run) throws Exception;
    }
}
