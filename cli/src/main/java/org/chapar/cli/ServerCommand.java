package org.chapar.cli;

import org.chapar.server.ChaparServer;
import org.chapar.server.ServerConfig;
import org.chapar.server.tls.TlsSource;

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

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description =
                    "PEM certificate chain, leaf first; with --tls-key the port speaks HTTPS and"
                            + " WSS only. Read again when the files change.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "PEM private key of --tls-cert (PKCS#8 or traditional RSA/EC).")
    Path tlsKey;

    @Option(
            names = "--tls",
            paramLabel = "self-signed",
            description =
                    "self-signed: make (once) and keep a certificate under the data directory, for"
                            + " a LAN; clients pin it with the pin printed at start.")
    String tls;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description =
                    "Also listen for plain HTTP on this port (usually 80) and redirect every request"
                            + " to HTTPS. Needs TLS.")
    Integer httpPort;

    @Option(
            names = "--insecure-http",
            description =
                    "Serve plain HTTP on an address that is not loopback (only behind a proxy that"
                            + " terminates TLS).")
    boolean insecureHttp;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config =
                ServerConfig.defaults()
                        .withDataDir(data)
                        .withHost(host)
                        .withPort(port)
                        .withTls(tlsSource())
                        .withInsecureHttp(insecureHttp)
                        .withRedirectPort(httpPort == null ? -1 : httpPort);
        ChaparServer server;
        try {
            server = ChaparServer.start(config);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw Failures.usage(e.getMessage());
        }
        server.closeOnShutdown();
        root.terminal.show(
                "Chapar listening on "
                        + server.scheme()
                        + "://"
                        + host
                        + ":"
                        + server.port()
                        + " (data "
                        + data.toAbsolutePath()
                        + ")");
        server.redirectPort()
                .ifPresent(
                        p -> root.terminal.show("Plain HTTP on port " + p + " redirects to HTTPS"));
        if (config.tls() instanceof TlsSource.SelfSigned) {
            root.terminal.show(
                    "Self-signed certificate; clients connect with --pin "
                            + server.pin().orElseThrow());
        }
        // the stop ends the process (status 0) from the shutdown hook
        Thread.currentThread().join();
        return 0;
    }

    private TlsSource tlsSource() {
        if (tls != null) {
            if (!tls.equals("self-signed")) {
                throw Failures.usage("--tls takes self-signed (got " + tls + ")");
            }
            if (tlsCert != null || tlsKey != null) {
                throw Failures.usage("--tls self-signed or --tls-cert/--tls-key, not both");
            }
            return new TlsSource.SelfSigned();
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw Failures.usage("--tls-cert and --tls-key go together");
        }
        return tlsCert == null ? new TlsSource.Off() : new TlsSource.Files(tlsCert, tlsKey);
    }
}
