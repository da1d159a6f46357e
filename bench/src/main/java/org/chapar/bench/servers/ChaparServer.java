package org.chapar.bench.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Chapar server as its own process ({@code java -jar chapar.jar server}) on a fresh data
 * directory, so that its RSS and CPU can be measured apart from the generator.
 */
public final class ChaparServer implements Target {
    /**
     * What the Chapar server needs to be benchmarked at all: no rate limits on registering, logging
     * in and sending from a handful of loopback addresses, no cap on a source address's connections
     * still logging in (thousands connect at once), a login deadline long enough for a registration
     * queued behind thousands of others on a loaded machine, and a cheap Argon2 cost so thousands
     * of bench accounts register in seconds (the hash is not what is measured).
     */
    public static final List<String> BENCH_PROPERTIES =
            List.of(
                    "-Dchapar.argon2.memoryKib=64",
                    "-Dchapar.argon2.iterations=1",
                    "-Dchapar.argon2.parallelism=1",
                    "-Dchapar.limit.loginPerUsername=1000000/1e12",
                    "-Dchapar.limit.loginPerAddress=1000000/1e12",
                    "-Dchapar.limit.registerPerAddress=1000000/1e12",
                    "-Dchapar.limit.requestsPerSession=1000000/1e12",
                    "-Dchapar.limit.sendsPerUser=1000000/1e12",
                    "-Dchapar.connection.unauthenticatedPerAddress=1000000",
                    "-Dchapar.connection.loginDeadlineMs=300000",
                    // the bot scenarios' webhook receiver listens on loopback
                    "-Dchapar.webhooks.privateAddresses=true");

    private final Process process;
    private final InetSocketAddress address;
    private final String version;
    private volatile X509Certificate certificate;

    private ChaparServer(Process process, InetSocketAddress address, String version) {
        this.process = process;
        this.address = address;
        this.version = version;
    }

    /**
     * Starts the server and waits until {@code /health} answers 200.
     *
     * @param jvmOptions options for the server JVM, e.g. the relaxed rate limits and the cheap
     *     Argon2 cost that make registering thousands of bench users practical
     */
    public static ChaparServer start(Launch launch, Path runDir, List<String> jvmOptions)
            throws IOException, InterruptedException {
        return start(launch, runDir, jvmOptions, false);
    }

    /**
     * With {@code tls} the server runs with {@code --tls self-signed}; its certificate (read from
     * its data directory) is what the driver then trusts, with the host name checked.
     */
    public static ChaparServer start(
            Launch launch, Path runDir, List<String> jvmOptions, boolean tls)
            throws IOException, InterruptedException {
        return start(launch, runDir, jvmOptions, tls, Map.of());
    }

    /**
     * With {@code environment} added to the server's, e.g. {@code CHAPAR_STORE} and {@code
     * CHAPAR_BUS}, which both the CLI's {@code server} and {@code ServerMain} read.
     */
    public static ChaparServer start(
            Launch launch,
            Path runDir,
            List<String> jvmOptions,
            boolean tls,
            Map<String, String> environment)
            throws IOException, InterruptedException {
        Path data = Files.createTempDirectory(Files.createDirectories(runDir), "chapar-data-");
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Jvm.java());
        cmd.addAll(jvmOptions);
        cmd.addAll(launch.arguments(data, port));
        if (tls) {
            if (launch.jar() == null) {
                throw new IOException("--tls needs the CLI's jar (cli/target/chapar.jar)");
            }
            cmd.addAll(List.of("--tls", "self-signed"));
        }
        Path logFile = runDir.resolve("chapar-server.log");
        Files.writeString(logFile, String.join(" ", cmd) + "\n");
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().putAll(environment);
        Process p =
                builder.redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        ChaparServer server = new ChaparServer(p, address, launch.describe());
        try {
            if (tls) {
                server.certificate = awaitCertificate(data.resolve("tls/self-signed.crt"), p);
            }
            awaitHealthy(address, p, Duration.ofSeconds(90), logFile, server.certificate);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * How to start the server: the CLI's fat jar ({@code chapar.jar server ...}) or, until that
     * exists, {@code org.chapar.server.ServerMain} on a class path.
     */
    public record Launch(Path jar, String classPath) {
        public static Launch find(Path jar, String classPath) throws IOException {
            if (jar != null && Files.isRegularFile(jar)) return new Launch(jar, null);
            if (classPath != null && !classPath.isBlank()) return new Launch(null, classPath);
            throw new IOException(
                    "no Chapar server to start: "
                            + jar
                            + " does not exist and no --server-classpath"
                            + " (build it with: mvn -B -pl cli -am package -DskipTests)");
        }

        List<String> arguments(Path data, int port) {
            return jar != null
                    ? List.of(
                            "-jar",
                            jar.toString(),
                            "server",
                            "--data",
                            data.toString(),
                            "--host",
                            "127.0.0.1",
                            "--port",
                            Integer.toString(port))
                    : List.of(
                            "-cp",
                            classPath,
                            "org.chapar.server.ServerMain",
                            data.toString(),
                            "127.0.0.1",
                            Integer.toString(port));
        }

        String describe() {
            return jar != null ? jar.getFileName().toString() : "ServerMain (class path)";
        }
    }

    private static X509Certificate awaitCertificate(Path file, Process p)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Files.exists(file) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (CertificateException e) {
            throw new IOException("cannot read the server's certificate " + file, e);
        }
    }

    /** An SSLContext that trusts this one certificate (as a root: names are still checked). */
    public static SSLContext trusting(X509Certificate c) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("server", c);
            TrustManagerFactory f =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, f.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    static void awaitHealthy(InetSocketAddress address, Process p, Duration timeout, Path logFile)
            throws IOException, InterruptedException {
        awaitHealthy(address, p, timeout, logFile, null);
    }

    static void awaitHealthy(
            InetSocketAddress address,
            Process p,
            Duration timeout,
            Path logFile,
            X509Certificate tls)
            throws IOException, InterruptedException {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (tls != null) {
            b.sslContext(trusting(tls));
        }
        HttpClient http = b.build();
        URI health =
                URI.create(
                        (tls != null ? "https" : "http")
                                + "://"
                                + address.getHostString()
                                + ":"
                                + address.getPort()
                                + "/health");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive())
                throw new IOException("server exited with " + p.exitValue() + "; see " + logFile);
            try {
                var response =
                        http.send(
                                HttpRequest.newBuilder(health)
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IOException("server not healthy after " + timeout + "; see " + logFile);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public String name() {
        return "chapar";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public Optional<X509Certificate> tlsCertificate() {
        return Optional.ofNullable(certificate);
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(process.pid());
    }

    @Override
    public OptionalLong heapUsedAfterGc() {
        return Jvm.heapUsedAfterGc(process.pid());
    }

    @Override
    public OptionalDouble metric(String name) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        try {
            if (certificate != null) b.sslContext(trusting(certificate));
            URI uri =
                    URI.create(
                            (certificate != null ? "https" : "http")
                                    + "://"
                                    + address.getHostString()
                                    + ":"
                                    + address.getPort()
                                    + "/metrics");
            var response =
                    b.build()
                            .send(
                                    HttpRequest.newBuilder(uri)
                                            .timeout(Duration.ofSeconds(10))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) return OptionalDouble.empty();
            return PrometheusText.sum(response.body(), name);
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(
                    java.util.concurrent.TimeUnit.SECONDS.toMillis(15),
                    java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
