package org.chapar.bench;

import org.chapar.bench.driver.chapar.ChaparDriver;
import org.chapar.bench.scenario.BotUpdates;
import org.chapar.bench.scenario.CatchUp;
import org.chapar.bench.scenario.Channel;
import org.chapar.bench.scenario.Direct;
import org.chapar.bench.scenario.Group;
import org.chapar.bench.scenario.Idle;
import org.chapar.bench.scenario.IdleHttp;
import org.chapar.bench.scenario.ReconnectStorm;
import org.chapar.bench.scenario.Run;
import org.chapar.bench.scenario.SpreadChannel;
import org.chapar.bench.scenario.SpreadIdle;
import org.chapar.bench.servers.Target;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code bench/run SCENARIO [options]}: see {@code bench/run --help} and docs/benchmarks.md. */
@Command(
        name = "bench/run",
        mixinStandardHelpOptions = true,
        description =
                "Runs a benchmark scenario against a server it starts with a fresh data directory.",
        subcommands = {
            Main.IdleCommand.class,
            Main.IdleHttpCommand.class,
            Main.DirectCommand.class,
            Main.CatchUpCommand.class,
            Main.ReconnectCommand.class,
            Main.ChannelCommand.class,
            Main.GroupCommand.class,
            Main.BotUpdatesCommand.class,
            MediaCommands.Load.class,
            MediaCommands.File.class,
            CompareCommand.class,
            IdleWorkerCommand.class
        })
public final class Main {
    static List<String> args = List.of();

    public static void main(String[] argv) {
        System.setProperty("java.awt.headless", "true");
        args = List.of(argv);
        System.exit(
                new CommandLine(new Main())
                        .setCaseInsensitiveEnumValuesAllowed(true)
                        .execute(argv));
    }

    /** Runs one Chapar scenario end to end. */
    abstract static class ChaparScenario implements Callable<Integer> {
        @Mixin Options options;

        @Override
        public Integer call() throws Exception {
            try (Bench bench = new Bench(options, args)) {
                Target target = bench.chapar();
                ChaparDriver driver = bench.chaparDriver(target);
                bench.add(run(bench, target, driver));
                bench.report();
            }
            return 0;
        }

        abstract org.chapar.bench.report.Result run(Bench bench, Target target, ChaparDriver driver)
                throws Exception;
    }

    @Command(
            name = "idle",
            mixinStandardHelpOptions = true,
            description = "1: N logged-in connections held open.")
    static final class IdleCommand extends ChaparScenario {
        @Option(names = "--connections", defaultValue = "1000")
        int connections;

        @Option(names = "--hold", defaultValue = "10s", converter = Options.DurationConverter.class)
        Duration hold;

        @Option(
                names = "--generators",
                defaultValue = "1",
                description =
                        "Generator processes (each holds at most 20,000 open files): above 1,"
                                + " the clients are spread over that many child processes")
        int generators;

        @Override
        org.chapar.bench.report.Result run(Bench bench, Target target, ChaparDriver driver)
                throws Exception {
            Run run = bench.run(target, driver, "idle");
            if (generators > 1) {
                return new SpreadIdle(connections, hold, generators, bench.generatorArgs())
                        .run(run, Bench.webSockets(target, "ws"), bench.runDir);
            }
            return new Idle(connections, hold).run(run);
        }
    }

    @Command(
            name = "idle-http",
            mixinStandardHelpOptions = true,
            description =
                    "N HTTPS connections held idle after one request each, over h2 or http/1.1"
                            + " (needs --tls, and server options that keep idle connections)")
    static final class IdleHttpCommand extends ChaparScenario {
        @Option(names = "--connections", defaultValue = "1000")
        int connections;

        @Option(names = "--hold", defaultValue = "10s", converter = Options.DurationConverter.class)
        Duration hold;

        @Option(names = "--protocol", defaultValue = "h2", description = "h2 or http/1.1")
        String protocol;

        @Override
        org.chapar.bench.report.Result run(Bench bench, Target target, ChaparDriver driver)
                throws Exception {
            return new IdleHttp(connections, hold, protocol.equals("h2"))
                    .run(bench.run(target, driver, "idle-http"));
        }
    }

    @Command(
            name = "direct",
            mixinStandardHelpOptions = true,
            description = "2: pairs exchanging private messages.")
    static final class DirectCommand extends ChaparScenario {
        @Option(names = "--pairs", defaultValue = "500")
        int pairs;

        @Option(
                names = "--rate",
                defaultValue = "max",
                description = "Messages/s offered in total, or max (closed loop)")
        String rate;

        @Option(
                names = "--window",
                defaultValue = "8",
                description = "With --rate max: messages in flight per sender")
        int window;

        @Mixin Traffic traffic;

        @Override
        org.chapar.bench.report.Result run(Bench bench, Target target, ChaparDriver driver)
                throws Exception {
            return direct(pairs, rate, window, traffic.warmup, traffic.duration, traffic.textBytes)
                    .run(bench.run(target, driver, "direct"));
        }
    }

    @Command(
            name = "channel",
            mixinStandardHelpOptions = true,
            description = "4: posts to a channel with N online subscribers.")
    static final class ChannelCommand extends ChaparScenario {
        @Option(names = "--subscribers", defaultValue = "1000")
        int subscribers;

        @Option(names = "--posts", defaultValue = "5")
        int posts;

        @Option(
                names = "--pause",
                defaultValue = "2s",
                converter = Options.DurationConverter.class,
                description = "Between posts")
        Duration pause;

        @Option(
                names = "--post-timeout",
                defaultValue = "30s",
                converter = Options.DurationConverter.class)
        Duration postTimeout;

        @Option(
                names = "--join-parallelism",
                defaultValue = "512",
                description = "JoinChat requests in flight")
        int joinParallelism;

        @Option(
                names = "--bot",
                description =
                        "Alternate the owner's posts with a bot admin's (sendMessage), --posts each")
        boolean bot;

        @Option(
                names = "--generators",
                defaultValue = "1",
                description =
                        "Generator processes (each holds at most 20,000 open files): above 1, the"
                                + " subscribers are spread over that many child processes")
        int generators;

        @Override
        org.chapar.bench.report.Result run(Bench bench, Target target, ChaparDriver driver)
                throws Exception {
            if (generators > 1) {
                if (bot) {
                    throw new CommandLine.ParameterException(
                            new CommandLine(this), "--bot runs with one generator process only");
                }
                return new SpreadChannel(
                                subscribers,
                                posts,
                                pause,
                                postTimeout,
                                joinParallelism,
                                generators,
                                bench.generatorArgs())
                        .run(
                                bench.run(target, driver, "channel"),
                                driver.groups(org.chapar.protocol.ChatKind.CHANNEL),
                                Bench.webSockets(target, "ws"),
                                bench.runDir);
            }
            return new Channel(
                            subscribers,
                            posts,
                            pause,
                            postTimeout,
                            joinParallelism,
                            bot ? Optional.of(Bench.origin(target)) : Optional.empty())
                    .run(
                            bench.run(target, driver, "channel"),
                            driver.groups(org.chapar.protocol.ChatKind.CHANNEL));
        }
    }

    @Command(
            name = "group",
            mixinStandardHelpOptions = true,
            description = "3: groups with online members posting at a fixed rate.")
    static final class GroupCommand extends ChaparScenario {
        @Option(names = "--groups", defaultValue = "5")
        int groups;

        @Option(names = "--members", defaultValue = "200")
        int members;

        @Option(
                names = "--online",
                defaultValue = "0.5",
                description = "Fraction of each group's members online")
        double online;

        @Option(
                names = "--rate",
                defaultValue = "50",
                description = "Posts/s offered in total (each reaches every other online member)")
        double rate;

        @Option(
                names = "--kind",
                defaultValue = "GROUP",
                description = "GROUP (fan-out into members' boxes, <= 200) or SUPERGROUP")
        org.chapar.protocol.ChatKind kind;

        @Mixin Traffic traffic;

        @Override
        org.chapar.bench.report.Result run(Bench bench, Target target, ChaparDriver driver)
                throws Exception {
            return new Group(
                            groups,
                            members,
                            online,
                            rate,
                            traffic.warmup,
                            traffic.duration,
                            traffic.textBytes)
                    .run(bench.run(target, driver, "group"), driver.groups(kind));
        }
    }

    @Command(
            name = "bot-updates",
            mixinStandardHelpOptions = true,
            description =
                    "Bots 1: users write to one bot, which takes the updates by getUpdates or"
                            + " webhook.")
    static final class BotUpdatesCommand implements Callable<Integer> {
        @Mixin Options options;

        @Option(names = "--users", defaultValue = "1000")
        int users;

        @Option(
                names = "--rate",
                defaultValue = "500",
                description = "Messages/s the users send to the bot, in total")
        double rate;

        @Option(
                names = "--via",
                defaultValue = "poll,webhook",
                split = ",",
                description = "poll (getUpdates), webhook, or both, one after the other")
        List<BotUpdates.Via> via;

        @Mixin Traffic traffic;

        @Override
        public Integer call() throws Exception {
            try (Bench bench = new Bench(options, args)) {
                Target target = bench.chapar();
                ChaparDriver driver = bench.chaparDriver(target);
                for (BotUpdates.Via v : via) {
                    bench.add(
                            new BotUpdates(
                                            users,
                                            rate,
                                            v,
                                            traffic.warmup,
                                            traffic.duration,
                                            traffic.textBytes)
                                    .run(bench.run(target, driver, "bot"), Bench.origin(target)));
                }
                bench.report();
            }
            return 0;
        }
    }

    static Direct direct(
            int pairs, String rate, int window, Duration warmup, Duration duration, int textBytes) {
        double r = rate.equals("max") ? 0 : Double.parseDouble(rate);
        return new Direct(pairs, r, window, warmup, duration, textBytes);
    }

    @Command(
            name = "catchup",
            mixinStandardHelpOptions = true,
            description = "5: a client offline while K updates arrived.")
    static final class CatchUpCommand extends ChaparScenario {
        @Option(names = "--missed", defaultValue = "10000")
        int missed;

        @Option(names = "--rounds", defaultValue = "5")
        int rounds;

        @Option(names = "--senders", defaultValue = "4")
        int senders;

        @Override
        org.chapar.bench.report.Result run(Bench bench, Target target, ChaparDriver driver)
                throws Exception {
            return new CatchUp(missed, rounds, senders)
                    .run(bench.run(target, driver, "catchup"), driver);
        }
    }

    @Command(
            name = "reconnect",
            mixinStandardHelpOptions = true,
            description = "6: N clients dropped and reconnecting at once.")
    static final class ReconnectCommand extends ChaparScenario {
        @Option(names = "--clients", defaultValue = "2000")
        int clients;

        @Option(
                names = "--missed",
                defaultValue = "5",
                description = "Messages sent to each client while it is away")
        int missed;

        @Option(names = "--senders", defaultValue = "8")
        int senders;

        @Option(
                names = "--live-rate",
                defaultValue = "500",
                description = "Messages/s sent to the clients while they reconnect")
        double liveRate;

        @Override
        org.chapar.bench.report.Result run(Bench bench, Target target, ChaparDriver driver)
                throws Exception {
            return new ReconnectStorm(clients, missed, senders, liveRate)
                    .run(bench.run(target, driver, "reconnect"), driver);
        }
    }

    /** The timing and size of a scenario's traffic, shared by the message scenarios. */
    static final class Traffic {
        @Option(
                names = "--warmup",
                defaultValue = "5s",
                converter = Options.DurationConverter.class)
        Duration warmup;

        @Option(
                names = "--duration",
                defaultValue = "20s",
                converter = Options.DurationConverter.class)
        Duration duration;

        @Option(names = "--text-bytes", defaultValue = "64")
        int textBytes;
    }
}
