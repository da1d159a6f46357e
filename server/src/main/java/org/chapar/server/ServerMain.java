package org.chapar.server;

import org.chapar.server.store.DataDirException;

import java.nio.file.Path;

/**
 * Runs a server as its own process: {@code ServerMain DATA_DIR HOST PORT}. Prints {@code LISTENING
 * <port>} once it accepts connections (tests and benchmarks wait for it); a data directory it
 * cannot use, or a bus it cannot reach, is one line on standard error and exit status 1. The bus
 * comes from {@code -Dchapar.bus} or the environment's {@code CHAPAR_BUS} (and {@code
 * CHAPAR_BUS_PREFIX}); the store from {@code -Dchapar.store} or {@code CHAPAR_STORE} ({@code
 * postgresql://…}; none: SQLite in DATA_DIR); the shared media directory from {@code
 * -Dchapar.mediaDir} or {@code CHAPAR_MEDIA_DIR} (none: DATA_DIR/media). SIGTERM stops it cleanly,
 * status 0. The CLI's {@code chapar server} is the command for people.
 */
public final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        ServerConfig config =
                ServerConfig.defaults()
                        .withDataDir(Path.of(args.length > 0 ? args[0] : "data"))
                        .withHost(args.length > 1 ? args[1] : "127.0.0.1")
                        .withPort(args.length > 2 ? Integer.parseInt(args[2]) : 8080);
        String bus = System.getenv("CHAPAR_BUS");
        if (config.bus().isEmpty() && bus != null && !bus.isEmpty()) {
            String prefix = System.getenv("CHAPAR_BUS_PREFIX");
            config = config.withBus(bus, prefix != null ? prefix : config.busPrefix());
        }
        String store = System.getenv("CHAPAR_STORE");
        if (config.store().isEmpty() && store != null && !store.isBlank()) {
            config = config.withStore(store.trim());
        }
        String media = System.getenv("CHAPAR_MEDIA_DIR");
        if (config.mediaDir().isEmpty() && media != null && !media.isBlank()) {
            config = config.withMediaDir(Path.of(media.trim()));
        }
        ChaparServer server;
        try {
            server = ChaparServer.start(config);
        } catch (DataDirException | BusUnreachableException e) {
            System.err.println("chapar: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        server.closeOnShutdown();
        System.out.println("LISTENING " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
