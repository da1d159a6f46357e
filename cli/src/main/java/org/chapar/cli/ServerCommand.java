package org.chapar.cli;

import org.chapar.server.BusUnreachableException;
import org.chapar.server.ChaparServer;
import org.chapar.server.ServerConfig;
import org.chapar.server.store.postgres.PgUrl;
import org.chapar.server.tls.TlsSource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
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
            names = "--media-dir",
            paramLabel = "DIR",
            description =
                    "Media directory every node of a cluster shares (blobs, partial uploads); else"
                            + " env CHAPAR_MEDIA_DIR, else the config file's media-dir=, else"
                            + " -Dchapar.mediaDir; none: DATA/media. A directory that is not the"
                            + " cluster's stops the start.")
    Path mediaDir;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "A properties file with store=, bus=, bus-prefix= and media-dir=; the command"
                            + " line and the environment win over it.")
    Path configFile;

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
            names = "--acme-domain",
            paramLabel = "NAME[,NAME]",
            description =
                    "Get and renew the certificate for these names over ACME (env"
                            + " CHAPAR_ACME_DOMAIN, config acme-domain=); needs --acme-directory.")
    String acmeDomain;

    @Option(
            names = "--acme-challenge",
            paramLabel = "http-01|tls-alpn-01",
            description =
                    "How the CA validates the names (env CHAPAR_ACME_CHALLENGE, config"
                            + " acme-challenge=): http-01 on --http-port, or tls-alpn-01 on the"
                            + " TLS port itself; by default http-01 when --http-port is given,"
                            + " tls-alpn-01 otherwise.")
    String acmeChallenge;

    @Option(
            names = "--acme-directory",
            paramLabel = "URL",
            description =
                    "The ACME CA's directory (env CHAPAR_ACME_DIRECTORY, config acme-directory=),"
                            + " e.g. https://acme-v02.api.letsencrypt.org/directory; no default.")
    String acmeDirectory;

    @Option(
            names = "--acme-email",
            paramLabel = "EMAIL",
            description =
                    "Contact of the ACME account, optional (env CHAPAR_ACME_EMAIL, config"
                            + " acme-email=).")
    String acmeEmail;

    @Option(
            names = "--acme-trust",
            paramLabel = "FILE",
            description =
                    "PEM roots for a private CA's own HTTPS, e.g. pebble or step-ca (env"
                            + " CHAPAR_ACME_TRUST, config acme-trust=).")
    String acmeTrust;

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

    @Option(
            names = "--ocsp-stapling",
            paramLabel = "on|off",
            description =
                    "Staple the CA's OCSP answer in TLS handshakes when the certificate names an"
                            + " OCSP responder; the server, not each browser, then asks that"
                            + " responder (default on; env CHAPAR_OCSP_STAPLING, config"
                            + " ocsp-stapling=).")
    String ocspStapling;

    @Override
    public Integer call() throws InterruptedException, IOException {
        ServerSettings settings = ServerSettings.read(configFile, System.getenv());
        String busUrl = settings.pick(bus, "CHAPAR_BUS", "bus", "");
        String prefix = settings.pick(busPrefix, "CHAPAR_BUS_PREFIX", "bus-prefix", "chapar");
        String storeUrl = settings.pick(store, "CHAPAR_STORE", "store", "");
        String media =
                settings.pick(
                        mediaDir == null ? null : mediaDir.toString(),
                        "CHAPAR_MEDIA_DIR",
                        "media-dir",
                        "");
        ServerConfig config =
                ServerConfig.defaults()
                        .withDataDir(data)
                        .withHost(host)
                        .withPort(port)
                        .withBus(busUrl, prefix)
                        .withStore(storeUrl)
                        .withTls(tlsSource(settings))
                        .withInsecureHttp(insecureHttp)
                        .withOcspStapling(ocspStapling(settings))
                        .withRedirectPort(httpPort == null ? -1 : httpPort);
        if (!media.isEmpty()) {
            config = config.withMediaDir(Path.of(media)); // else -Dchapar.mediaDir, if set
        }
        ChaparServer server;
        try {
            server = ChaparServer.start(config);
        } catch (BusUnreachableException e) {
            root.terminal.warn("chapar: cannot start: " + e.getMessage());
            return 1;
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
                        + (storeUrl.isEmpty()
                                ? " (data " + data.toAbsolutePath()
                                : " (store " + PgUrl.parse(storeUrl))
                        + (busUrl.isEmpty() ? "" : ", bus " + busUrl)
                        + config.mediaDir().map(d -> ", media " + d.toAbsolutePath()).orElse("")
                        + ")");
        server.redirectPort()
                .ifPresent(
                        p -> root.terminal.show("Plain HTTP on port " + p + " redirects to HTTPS"));
        if (config.tls() instanceof TlsSource.Acme acme) {
            root.terminal.show(
                    "Certificate for "
                            + String.join(", ", acme.domains())
                            + " by ACME ("
                            + acme.challenge().wireName()
                            + ") from "
                            + acme.directory()
                            + " (kept in "
                            + data.resolve("tls").resolve("acme").toAbsolutePath()
                            + ")");
        }
        if (config.tls() instanceof TlsSource.SelfSigned) {
            root.terminal.show(
                    "Self-signed certificate; clients connect with --pin "
                            + server.pin().orElseThrow());
        }
        // the stop ends the process (status 0) from the shutdown hook
        Thread.currentThread().join();
        return 0;
    }

    private boolean ocspStapling(ServerSettings settings) {
        String v = settings.pick(ocspStapling, "CHAPAR_OCSP_STAPLING", "ocsp-stapling", "on");
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw Failures.usage("--ocsp-stapling is on or off (got " + v + ")");
        };
    }

    private TlsSource tlsSource(ServerSettings settings) {
        String domains = settings.pick(acmeDomain, "CHAPAR_ACME_DOMAIN", "acme-domain", "");
        String directory =
                settings.pick(acmeDirectory, "CHAPAR_ACME_DIRECTORY", "acme-directory", "");
        if (!domains.isEmpty() || !directory.isEmpty()) {
            return acme(settings, domains, directory);
        }
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

    private TlsSource acme(ServerSettings settings, String domains, String directory) {
        if (domains.isEmpty() || directory.isEmpty()) {
            throw Failures.usage("--acme-domain and --acme-directory go together");
        }
        if (tls != null || tlsCert != null || tlsKey != null) {
            throw Failures.usage("ACME or --tls/--tls-cert/--tls-key, not both");
        }
        String email = settings.pick(acmeEmail, "CHAPAR_ACME_EMAIL", "acme-email", "");
        String trust = settings.pick(acmeTrust, "CHAPAR_ACME_TRUST", "acme-trust", "");
        String challenge =
                settings.pick(
                        acmeChallenge,
                        "CHAPAR_ACME_CHALLENGE",
                        "acme-challenge",
                        httpPort == null ? "tls-alpn-01" : "http-01");
        URI url;
        try {
            url = new URI(directory);
        } catch (URISyntaxException e) {
            throw Failures.usage("--acme-directory is not a URL: " + directory);
        }
        try {
            return new TlsSource.Acme(
                    Arrays.stream(domains.split(","))
                            .map(String::trim)
                            .filter(d -> !d.isEmpty())
                            .toList(),
                    url,
                    email.isEmpty() ? Optional.empty() : Optional.of(email),
                    trust.isEmpty() ? Optional.empty() : Optional.of(Path.of(trust)),
                    TlsSource.Challenge.named(challenge));
        } catch (IllegalArgumentException e) {
            throw Failures.usage(e.getMessage());
        }
    }
}
