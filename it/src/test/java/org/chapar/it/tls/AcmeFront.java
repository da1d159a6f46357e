package org.chapar.it.tls;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.chapar.testkit.TestCertificates;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS front of a real pebble that adds what pebble 2.4 lacks: ACME Renewal Information (RFC
 * 9773). Every request goes on to pebble unchanged with its Host, so the URLs pebble gives and
 * checks in each signed request are the front's; the directory gains a {@code renewalInfo} entry
 * that the front answers itself with the window the test sets. It records the renewalInfo requests
 * and the orders' payloads, can run a check of its own when a challenge is triggered (as the CA is
 * about to validate), and can hand out a wrong token, so that pebble sees the wrong key
 * authorization.
 */
final class AcmeFront implements AutoCloseable {
    private static final Pattern PAYLOAD = Pattern.compile("\"payload\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern TOKEN = Pattern.compile("(\"token\"\\s*:\\s*\")([^\"]+)(\")");
    private static final Pattern CHALLENGE = Pattern.compile("\\{[^{}]*\"token\"[^{}]*\\}");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    /** A renewalInfo request: the certID asked for and when. */
    record RenewalInfoRequest(String certId, Instant at) {}

    /** The window and Retry-After the front answers renewalInfo with. */
    record Answer(Instant start, Instant end, Optional<Duration> retryAfter) {}

    private final Pebble pebble;
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<RenewalInfoRequest> renewalInfoRequests = new CopyOnWriteArrayList<>();
    private final List<String> orders = new CopyOnWriteArrayList<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile Answer answer;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private volatile boolean wrongTokens;
    private volatile boolean refuseReplaces;
    private volatile Consumer<String> onTrigger = path -> {};

    private AcmeFront(Pebble pebble, Answer answer) throws Exception {
        this.pebble = pebble;
        this.answer = answer;
        TestCertificates.Issued cert = pebble.listenerCa().issue("EC", "localhost", "127.0.0.1");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(
                "front", cert.key(), new char[0], cert.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A front of {@code pebble} whose renewalInfo answers {@code answer} until changed. */
    static AcmeFront of(Pebble pebble, Answer answer) throws Exception {
        return new AcmeFront(pebble, answer);
    }

    URI directory() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/dir");
    }

    /** What renewalInfo answers for a certificate without an answer of its own. */
    void answer(Answer a) {
        answer = a;
    }

    /** What renewalInfo answers for the certificate {@code certId}, as a CA moves one's window. */
    void answer(String certId, Answer a) {
        answers.put(certId, a);
    }

    /** From now on, challenges are handed out with a token that is not pebble's. */
    void handOutWrongTokens() {
        wrongTokens = true;
    }

    /** From now on, an order that names a certificate it replaces is refused as alreadyReplaced. */
    void refuseReplaces() {
        refuseReplaces = true;
    }

    /** Runs {@code check} with the challenge's path when a client triggers it, before pebble. */
    void onTrigger(Consumer<String> check) {
        onTrigger = check;
    }

    List<RenewalInfoRequest> renewalInfoRequests() {
        return List.copyOf(renewalInfoRequests);
    }

    /** The decoded payloads of the newOrder requests, in order. */
    List<String> orders() {
        return List.copyOf(orders);
    }

    /** The token pebble gave for the challenge of this type (before any change). */
    String token(String type) {
        String t = tokens.get(type);
        if (t == null) {
            throw new AssertionError("pebble gave no " + type + " challenge: " + tokens);
        }
        return t;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.startsWith("/renewal-info/")) {
                renewalInfo(ex, path.substring("/renewal-info/".length()));
                return;
            }
            String payload = payload(body);
            if (path.startsWith("/order-plz")) {
                orders.add(payload);
                if (refuseReplaces && payload.contains("\"replaces\"")) {
                    byte[] problem =
                            ("{\"type\": \"urn:ietf:params:acme:error:alreadyReplaced\","
                                            + " \"detail\": \"replaced already\", \"status\": 409}")
                                    .getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().add("Content-Type", "application/problem+json");
                    ex.sendResponseHeaders(409, problem.length);
                    ex.getResponseBody().write(problem);
                    return;
                }
            }
            if (path.startsWith("/chalZ/") && payload.equals("{}")) {
                onTrigger.accept(path);
            }
            Response r = forward(ex, body);
            byte[] out = r.body();
            if (path.equals("/dir")) {
                String dir = new String(out, StandardCharsets.UTF_8);
                out =
                        dir.replaceFirst(
                                        "\\{",
                                        "{\"renewalInfo\": \"https://"
                                                + ex.getRequestHeaders().getFirst("Host")
                                                + "/renewal-info\",")
                                .getBytes(StandardCharsets.UTF_8);
            } else if (path.startsWith("/authZ/") || path.startsWith("/chalZ/")) {
                out =
                        tokens(new String(out, StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8);
            }
            r.headers().forEach((k, v) -> ex.getResponseHeaders().put(k, v));
            boolean empty = ex.getRequestMethod().equals("HEAD") || out.length == 0;
            ex.sendResponseHeaders(r.status(), empty ? -1 : out.length);
            if (!empty) {
                ex.getResponseBody().write(out);
            }
        } catch (RuntimeException | IOException e) {
            e.printStackTrace(); // the client sees the connection drop; say why
            throw e;
        }
    }

    private void renewalInfo(HttpExchange ex, String certId) throws IOException {
        renewalInfoRequests.add(new RenewalInfoRequest(certId, Instant.now()));
        Answer a = answers.getOrDefault(certId, answer);
        byte[] json =
                ("{\"suggestedWindow\": {\"start\": \"%s\", \"end\": \"%s\"}}"
                                .formatted(a.start(), a.end()))
                        .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        a.retryAfter()
                .ifPresent(d -> ex.getResponseHeaders().add("Retry-After", "" + d.toSeconds()));
        ex.sendResponseHeaders(200, json.length);
        ex.getResponseBody().write(json);
    }

    /** Records pebble's tokens by challenge type, and hands out changed ones once asked to. */
    private String tokens(String json) {
        Matcher each = CHALLENGE.matcher(json);
        while (each.find()) {
            Matcher type = TYPE.matcher(each.group());
            Matcher token = TOKEN.matcher(each.group());
            if (type.find() && token.find()) {
                tokens.putIfAbsent(type.group(1), token.group(2));
            }
        }
        Matcher m = TOKEN.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(2);
            String given = wrongTokens ? new StringBuilder(token).reverse().toString() : token;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + given + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String payload(byte[] body) {
        Matcher m = PAYLOAD.matcher(new String(body, StandardCharsets.UTF_8));
        return m.find()
                ? new String(Base64.getUrlDecoder().decode(m.group(1)), StandardCharsets.UTF_8)
                : "";
    }

    private record Response(int status, Map<String, List<String>> headers, byte[] body) {}

    /** The same request to pebble over HTTP/1.0, so its answer ends where the connection does. */
    private Response forward(HttpExchange ex, byte[] body) throws IOException {
        SSLContext trust;
        try {
            trust = TlsClients.trusting(TlsClients.read(pebble.trust()));
        } catch (Exception e) {
            throw new IOException(e);
        }
        try (SSLSocket s =
                (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", pebble.port())) {
            s.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder();
            head.append(ex.getRequestMethod())
                    .append(' ')
                    .append(ex.getRequestURI().getRawPath())
                    .append(
                            ex.getRequestURI().getRawQuery() == null
                                    ? ""
                                    : "?" + ex.getRequestURI().getRawQuery())
                    .append(" HTTP/1.0\r\n");
            ex.getRequestHeaders()
                    .forEach(
                            (k, values) -> {
                                String key = k.toLowerCase(Locale.ROOT);
                                if (!List.of("connection", "content-length", "accept-encoding")
                                        .contains(key)) {
                                    values.forEach(
                                            v ->
                                                    head.append(k)
                                                            .append(": ")
                                                            .append(v)
                                                            .append("\r\n"));
                                }
                            });
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(s.getInputStream());
        }
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] bytes = all.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("pebble's answer has no end of headers: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim();
            if (List.of("content-length", "connection", "transfer-encoding", "date")
                    .contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            headers.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        return new Response(status, headers, body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
