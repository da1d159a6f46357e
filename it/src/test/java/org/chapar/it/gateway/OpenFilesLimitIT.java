package org.chapar.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.client.Peers;
import org.chapar.protocol.Authorization;
import org.chapar.protocol.Peer;
import org.chapar.testkit.ServerProcess;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * More silent connections than the server process may hold open (it runs under {@code ulimit -n
 * 512}), from several loopback addresses: logged-in users keep sending, {@code /health} answers,
 * the log says so at most once a minute, and once the flood stops everything works again. Once with
 * the default caps (half the open-files limit for connections not logged in), and once with caps
 * above the limit, so that accept() itself fails with EMFILE.
 */
class OpenFilesLimitIT {
    static final int OPEN_FILES = 512;
    static final int SOURCES = 8;
    static final int PER_SOURCE = 100;

    @TempDir Path temp;

    @Test
    void withTheDefaultCapsTheFloodDisplacesItselfAndUsersAreServed() throws Exception {
        survivesAFlood(ServerProcess.options().openFilesLimit(OPEN_FILES));
    }

    @Test
    void withCapsAboveTheLimitAcceptFailuresFreeADescriptorAndUsersAreServed() throws Exception {
        survivesAFlood(
                ServerProcess.options()
                        .openFilesLimit(OPEN_FILES)
                        .jvm(
                                "-Dchapar.connection.unauthenticated=100000",
                                "-Dchapar.connection.unauthenticatedPerAddress=100000"));
    }

    private void survivesAFlood(ServerProcess.Options options) throws Exception {
        List<ChaparClient> clients = new ArrayList<>();
        List<Socket> flood = new ArrayList<>();
        long started = System.nanoTime();
        try (ServerProcess server = options.start(temp, 0)) {
            ChaparClient alice = client(server, clients);
            register(alice, "alice");
            ChaparClient bob = client(server, clients);
            UpdateRecorder bobSees = new UpdateRecorder();
            bob.addUpdateListener(bobSees);
            Peer toBob = Peers.user(register(bob, "bob").getUser());

            for (int s = 0; s < SOURCES; s++) {
                InetAddress source = InetAddress.getByName("127.0.2." + (10 + s));
                for (int i = 0; i < PER_SOURCE; i++) {
                    Socket silent = new Socket();
                    silent.bind(new InetSocketAddress(source, 0));
                    silent.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
                    flood.add(silent);
                }
            }
            assertThat(flood.size()).isGreaterThan(OPEN_FILES);
            long heldDuringFlood = server.openFiles();

            alice.sendMessage(toBob, "during the flood").join();
            bobSees.awaitOne(UpdateRecorder.newMessage("during the flood"));
            awaitHealthy(server);

            for (Socket s : flood) {
                s.close();
            }
            ChaparClient carol = client(server, clients);
            register(carol, "carol");
            carol.sendMessage(toBob, "after the flood").join();
            bobSees.awaitOne(UpdateRecorder.newMessage("after the flood"));
            awaitHealthy(server);

            long minutes = Duration.ofNanos(System.nanoTime() - started).toMinutes();
            List<String> limitLines =
                    server.output().stream().filter(l -> l.contains("connection limit:")).toList();
            assertThat(limitLines).as("the limit was reached and logged").isNotEmpty();
            assertThat(limitLines.size())
                    .as("at most one line a minute")
                    .isLessThanOrEqualTo((int) minutes + 1);
            assertThat(server.output())
                    .as("no accept failure reached Netty's own logging")
                    .noneMatch(l -> l.contains("Too many open files"));
            System.out.println(
                    "open files: "
                            + flood.size()
                            + " connections opened, the server held "
                            + heldDuringFlood
                            + " descriptors; "
                            + limitLines);
        } finally {
            for (Socket s : flood) {
                s.close();
            }
            clients.forEach(ChaparClient::close);
        }
    }

    /** GET /health until it answers 200, for up to a minute. */
    private static void awaitHealthy(ServerProcess server) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest health =
                HttpRequest.newBuilder(server.httpUri("/health"))
                        .timeout(Duration.ofSeconds(5))
                        .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new AssertionError("/health did not answer within a minute", last);
    }

    private static ChaparClient client(ServerProcess server, List<ChaparClient> clients) {
        ChaparClient c = ChaparClient.builder(server.uri()).clientName("open-files-it").build();
        clients.add(c);
        c.connect().join();
        return c;
    }

    private static Authorization register(ChaparClient c, String name) {
        return c.register("files_" + name, "password-" + name, null, "test").join();
    }
}
