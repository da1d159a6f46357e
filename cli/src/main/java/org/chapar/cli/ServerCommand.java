package org.chapar.cli;

import org.chapar.server.BusUnreachableException;
import org.chapar.server.ChaparServer;
import org.chapar.server.ServerConfig;
import org.chapar.server.store.postgres.PgUrl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Runs the embedded server until Ctrl-C or SIGTERM, which stop it cleanly (exit status 0). */
@Command(
        name = "server",
        description =
                "Run a Chapar server (SQLite storage in the data directory, or PostgreSQL with"
                        + " --store).")
final class ServerCommand implements Callable<Integer> {

    @ParentCommand ChaparCommand root;

    @Option(
            names = "--data",
            defaultValue = "data",
            paramLabel = "DIR",
            description = "Data directory (default ./${DEFAULT-VALUE}).")
    Path data;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--bus",
            paramLabel = "URL",
            description =
                    "NATS server of a cluster (nats://host:port); else env CHAPAR_BUS, else the"
                            + " config file's bus=; none: the in-process bus of one node.")
    String bus;

    @Option(
            names = "--bus-prefix",
            paramLabel = "PREFIX",
            description =
                    "First token of every bus subject (default chapar; env CHAPAR_BUS_PREFIX,"
                            + " config bus-prefix=): deployments sharing a NATS server differ.")
    String busPrefix;

    @Option(
            names = "--store",
            paramLabel = "URL",
            description =
                    "PostgreSQL database of a cluster (postgresql://user@host:port/db); else env"
                            + " CHAPAR_STORE, else the config file's store=; none: embedded SQLite"
                            + " in the data directory.")
    String store;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "A properties file with store=, bus= and bus-prefix=; the command line and the"
                            + " environment win over it.")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException, IOException {
        ServerSettings settings = ServerSettings.read(configFile, System.getenv());
        String busUrl = settings.pick(bus, "CHAPAR_BUS", "bus", "");
        String prefix = settings.pick(busPrefix, "CHAPAR_BUS_PREFIX", "bus-prefix", "chapar");
        String storeUrl = settings.pick(store, "CHAPAR_STORE", "store", "");
        ServerConfig config =
                ServerConfig.defaults()
                        .withDataDir(data)
                        .withHost(host)
                        .withPort(port)
                        .withBus(busUrl, prefix)
                        .withStore(storeUrl);
        ChaparServer server;
        try {
            server = ChaparServer.start(config);
        } catch (BusUnreachableException e) {
            root.terminal.warn("chapar: cannot start: " + e.getMessage());
            return 1;
        }
        server.closeOnShutdown();
        root.terminal.show(
                "Chapar listening on http://"
                        + host
                        + ":"
                        + server.port()
                        + (storeUrl.isEmpty()
                                ? " (data " + data.toAbsolutePath()
                                : " (store " + PgUrl.parse(storeUrl))
                        + (busUrl.isEmpty() ? "" : ", bus " + busUrl)
                        + ")");
        // the stop ends the process (status 0) from the shutdown hook
        Thread.currentThread().join();
        return 0;
    }
}
