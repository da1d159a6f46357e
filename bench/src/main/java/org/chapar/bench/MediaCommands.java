package org.chapar.bench;

import org.chapar.bench.driver.chapar.ChaparDriver;
import org.chapar.bench.report.Result;
import org.chapar.bench.scenario.BigFile;
import org.chapar.bench.scenario.Direct;
import org.chapar.bench.scenario.MediaUploads;
import org.chapar.bench.servers.Target;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The media scenarios (issue 16): many photo uploads at once, and one big file up and down. */
final class MediaCommands {
    private MediaCommands() {}

    @Command(
            name = "media-load",
            mixinStandardHelpOptions = true,
            description =
                    "7: N clients upload a photo each at the same moment, round after round;"
                            + " with --direct-pairs, chat latency alone and during uploads.")
    static final class Load implements Callable<Integer> {
        @Mixin Options options;

        @Option(names = "--clients", defaultValue = "200")
        int clients;

        @Option(names = "--photo-kib", defaultValue = "2048")
        int photoKib;

        @Option(names = "--rounds", defaultValue = "3", description = "Without --direct-pairs")
        int rounds;

        @Option(
                names = "--direct-pairs",
                defaultValue = "0",
                description = "Also run the direct scenario (alone, then during uploads)")
        int directPairs;

        @Option(names = "--direct-rate", defaultValue = "1000")
        double directRate;

        @Mixin Main.Traffic traffic;

        @Override
        public Integer call() throws Exception {
            try (Bench bench = new Bench(options, Main.args)) {
                Target target = bench.chapar();
                ChaparDriver driver = bench.chaparDriver(target);
                Direct alongside =
                        directPairs <= 0
                                ? null
                                : new Direct(
                                        directPairs,
                                        directRate,
                                        8,
                                        traffic.warmup,
                                        traffic.duration,
                                        traffic.textBytes);
                for (Result r :
                        new MediaUploads(clients, photoKib * 1024, rounds, alongside)
                                .run(bench.run(target, driver, "media"), Bench.origin(target))) {
                    bench.add(r);
                }
                bench.report();
            }
            return 0;
        }
    }

    @Command(
            name = "media-file",
            mixinStandardHelpOptions = true,
            description =
                    "8: one big file up and down through the CLI, beside dd (conv=fsync) on the"
                            + " same disk and curl to the same port.")
    static final class File implements Callable<Integer> {
        @Mixin Options options;

        @Option(names = "--mib", defaultValue = "1024")
        int mib;

        @Option(names = "--cli-jar", description = "The CLI jar. Default: the server jar")
        Path cliJar;

        @Override
        public Integer call() throws Exception {
            try (Bench bench = new Bench(options, Main.args)) {
                Target target = bench.chapar();
                ChaparDriver driver = bench.chaparDriver(target);
                Path jar = cliJar != null ? cliJar : options.serverJar;
                bench.add(
                        new BigFile(
                                        mib,
                                        jar,
                                        Path.of(System.getProperty("chapar.home", "."), "chapar"),
                                        bench.runDir)
                                .run(bench.run(target, driver, "file"), Bench.origin(target)));
                bench.report();
            }
            return 0;
        }
    }
}
