package org.chapar.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.Authenticate;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Ping;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawSocket;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A connection has to send a whole HTTP request, and then log in, within its deadlines, however
 * busy it keeps the socket: any byte restarts the idle timer, but not these.
 */
class ConnectionDeadlinesIT {
    static final Duration DEADLINE = Duration.ofSeconds(2);

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    c ->
                            c.withConnectionLimits(
                                    c.connectionLimits().withDeadlines(DEADLINE, DEADLINE)));

    private static ClientFrame.Builder ping() {
        return ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(7));
    }

    @Test
    void anHttpRequestTrickledAByteAtATimeIsClosedWhileAWholeOneIsAnswered() throws Exception {
        try (RawSocket trickle = RawSocket.connect(server.port())) {
            trickle.writeRaw(
                    "GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            // a header byte every 250 ms, for up to 15 times the deadline
            for (int i = 0; i < 120 && !closed; i++) {
                try {
                    trickle.writeRaw(new byte[] {'X'});
                } catch (UncheckedIOException reset) {
                    closed = true;
                }
                closed = closed || trickle.awaitClosedByServer(Duration.ofMillis(250));
            }
            assertThat(closed).as("the server closed the trickling request").isTrue();
        }

        HttpResponse<String> whole =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(server.httpUri("/health")).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(whole.statusCode()).isEqualTo(200);
    }

    @Test
    void aWebSocketThatPingsButNeverLogsInIsClosedWhileOneThatLoggedInStays() {
        TestUser alice = server.newUser("alice");
        try (RawSocket anonymous = RawSocket.connect(server.port()).upgrade();
                RawSocket loggedIn = RawSocket.connect(server.port()).upgrade()) {
            var auth = Authenticate.newBuilder().setToken(alice.token());
            assertThat(loggedIn.call(ClientFrame.newBuilder().setAuthenticate(auth)))
                    .matches(f -> f.hasAuthorization());
            boolean closed = false;
            // a ping every 250 ms on both, for up to 15 times the deadline
            for (int i = 0; i < 120 && !closed; i++) {
                try {
                    assertThat(anonymous.call(ping()).hasPong()).isTrue();
                } catch (UncheckedIOException | AssertionError gone) {
                    closed = true;
                }
                assertThat(loggedIn.call(ping()).hasPong()).isTrue();
                closed = closed || anonymous.awaitClosedByServer(Duration.ofMillis(250));
            }
            assertThat(closed).as("the server closed the connection that never logged in").isTrue();
            // opened at the same time, so past the deadline too: still served
            assertThat(loggedIn.call(ping()).hasPong()).isTrue();
        }
    }

    /** A tus upload of {@code size} bytes for {@code user}: its path. */
    private static String createUpload(TestUser user, int size) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(server.httpUri("/media/uploads"))
                                        .header("Tus-Resumable", "1.0.0")
                                        .header("Authorization", "Bearer " + user.token())
                                        .header("Upload-Length", Integer.toString(size))
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String patchHead(TestUser user, String path, int size) {
        return "PATCH "
                + path
                + " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nAuthorization: Bearer "
                + user.token()
                + "\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                + "Content-Length: "
                + size
                + "\r\n\r\n";
    }

    @Test
    void aSlowButSteadyUploadOutlastsTheDeadlineWhileATrickledBodyIsClosed() throws Exception {
        TestUser carol = server.newUser("slowup");
        int size = 80 * 1024;
        String path = createUpload(carol, size);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(patchHead(carol, path, size).getBytes(StandardCharsets.US_ASCII));
            // 8 KiB every 500 ms: 5 s for the body, more than twice the 2 s deadline
            for (int sent = 0; sent < size; sent += 8192) {
                out.write(new byte[8192]);
                out.flush();
                Thread.sleep(500);
            }
            String status =
                    new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 204");
        }

        String second = createUpload(carol, size);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(250);
            OutputStream out = s.getOutputStream();
            out.write(patchHead(carol, second, size).getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            // a body byte every 250 ms, for up to 15 times the deadline
            for (int i = 0; i < 120 && !closed; i++) {
                try {
                    out.write(0);
                    out.flush();
                    closed = s.getInputStream().read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // nothing from the server yet
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("the server closed the trickled body").isTrue();
        }
    }
}
