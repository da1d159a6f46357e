package org.chapar.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * A plain HTTP client of the Bot API for tests: each call in one of Telegram's four encodings
 * (query string, urlencoded form, JSON, multipart form), answering the status and the parsed body.
 */
public final class BotHttp {
    /** How the parameters travel. */
    public enum Encoding {
        QUERY,
        FORM,
        JSON,
        MULTIPART
    }

    /** One answer: the HTTP status and the JSON body. */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return body.path("ok").asBoolean(false);
        }

        public JsonNode result() {
            return body.path("result");
        }

        public int errorCode() {
            return body.path("error_code").asInt();
        }

        public String description() {
            return body.path("description").asText();
        }
    }

    public static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;
    private final boolean patient;

    public BotHttp(URI base, String token) {
        this(base, token, false);
    }

    private BotHttp(URI base, String token, boolean patient) {
        this.base = base;
        this.token = token;
        this.patient = patient;
    }

    /**
     * This client, waiting out a 429's retry_after and asking again (as grammY's auto-retry does),
     * for tests that send more than Telegram's flood limits let through at once.
     */
    public BotHttp patient() {
        return new BotHttp(base, token, true);
    }

    public String token() {
        return token;
    }

    public BotHttp withToken(String other) {
        return new BotHttp(base, other, patient);
    }

    public Reply call(String method) {
        return call(method, Map.of(), Encoding.JSON);
    }

    public Reply call(String method, Map<String, ?> params) {
        return call(method, params, Encoding.JSON);
    }

    /** Calls the method; object and array values are sent as JSON text in the form encodings. */
    public Reply call(String method, Map<String, ?> params, Encoding encoding) {
        URI uri = base.resolve("/bot" + token + "/" + method);
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(Duration.ofSeconds(70));
        switch (encoding) {
            case QUERY -> b.uri(URI.create(uri + "?" + form(params))).GET();
            case FORM ->
                    b.uri(uri)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form(params)));
            case JSON -> {
                ObjectNode body = JSON.valueToTree(params);
                b.uri(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            }
            case MULTIPART -> {
                String boundary = "----chapar" + UUID.randomUUID();
                StringBuilder body = new StringBuilder();
                params.forEach(
                        (k, v) ->
                                body.append("--")
                                        .append(boundary)
                                        .append("\r\nContent-Disposition: form-data; name=\"")
                                        .append(k)
                                        .append("\"\r\n\r\n")
                                        .append(text(v))
                                        .append("\r\n"));
                body.append("--").append(boundary).append("--\r\n");
                b.uri(uri)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            }
        }
        return send(b.build());
    }

    private Reply send(HttpRequest request) {
        try {
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                Reply reply = new Reply(r.statusCode(), JSON.readTree(r.body()));
                if (!patient || reply.status() != 429 || attempt == 10) {
                    return reply;
                }
                long wait = reply.body().path("parameters").path("retry_after").asLong(1);
                Thread.sleep(Duration.ofSeconds(wait).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file sent as one multipart part. */
    public record Part(String fileName, String contentType, byte[] bytes) {}

    /**
     * Calls the method in multipart form with {@code files} as file parts under their keys (the
     * field's own name, or a name {@code attach://} refers to).
     */
    public Reply upload(String method, Map<String, ?> params, Map<String, Part> files) {
        String boundary = "----chapar" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        params.forEach(
                (k, v) ->
                        body.writeBytes(
                                ("--"
                                                + boundary
                                                + "\r\nContent-Disposition: form-data; name=\""
                                                + k
                                                + "\"\r\n\r\n"
                                                + text(v)
                                                + "\r\n")
                                        .getBytes(StandardCharsets.UTF_8)));
        files.forEach(
                (k, f) -> {
                    body.writeBytes(
                            ("--"
                                            + boundary
                                            + "\r\nContent-Disposition: form-data; name=\""
                                            + k
                                            + "\"; filename=\""
                                            + f.fileName()
                                            + "\"\r\nContent-Type: "
                                            + f.contentType()
                                            + "\r\n\r\n")
                                    .getBytes(StandardCharsets.UTF_8));
                    body.writeBytes(f.bytes());
                    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
                });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest r =
                HttpRequest.newBuilder(base.resolve("/bot" + token + "/" + method))
                        .timeout(Duration.ofSeconds(70))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build();
        return send(r);
    }

    /** GET {@code /file/bot<token>/<filePath>}, as a bot fetches what getFile answered. */
    public HttpResponse<byte[]> download(String filePath) {
        HttpRequest r =
                HttpRequest.newBuilder(base.resolve("/file/bot" + token + "/" + filePath))
                        .timeout(Duration.ofSeconds(70))
                        .GET()
                        .build();
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The raw body of a call, as bytes on the wire (for tests that look for what must not be). */
    public String raw(String method, Map<String, ?> params) {
        return call(method, params, Encoding.JSON).body().toString();
    }

    private static String form(Map<String, ?> params) {
        StringJoiner j = new StringJoiner("&");
        params.forEach(
                (k, v) ->
                        j.add(
                                URLEncoder.encode(k, StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(text(v), StandardCharsets.UTF_8)));
        return j.toString();
    }

    private static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return JSON.valueToTree(v).toString();
    }
}
