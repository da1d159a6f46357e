package org.chapar.cli;

import org.chapar.server.ChaparServer;
import org.chapar.server.ServerConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Runs the embedded server until Ctrl-C or SIGTERM, which stop it cleanly (exit status 0). */
@Command(
        name = "server",
        description = "Run a Chapar server (SQLite storage in the data directory).")
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

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config =
                ServerConfig.defaults().withDataDir(data).withHost(host).withPort(port);
        ChaparServer server = ChaparServer.start(config);
        server.closeOnShutdown();
        root.terminal.show(
                "Chapar listening on http://"
                        + host
                        + ":"
                        + server.port()
                        + " (data "
                        + data.toAbsolutePath()
                        + ")");
        // the stop ends the process (status 0) from the shutdown hook
        Thread.currentThread().join();
        return 0;
    }
}
