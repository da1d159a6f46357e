package org.chapar.bench.driver.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A bot's calls to the Bot API at {@code <origin>bot<token>/<method>}: parameters as a JSON body,
 * the answer's {@code result}, or an {@link IOException} carrying Telegram's error code and
 * description. One HTTP/1.1 connection is kept open, as a bot's library keeps it.
 */
public final class BotApiClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
    private final String base;

    public BotApiClient(URI origin, String token) {
        this.base = origin.resolve("/bot" + token + "/").toString();
    }

    /** Calls {@code method}; waits up to {@code timeout} for the answer. */
    public JsonNode call(String method, Map<String, ?> params, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + method))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofByteArray(
                                        JSON.writeValueAsBytes(params)))
                        .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = JSON.readTree(response.body());
        if (!body.path("ok").asBoolean()) {
            throw new IOException(
                    method
                            + ": "
                            + body.path("error_code").asInt(response.statusCode())
                            + " "
                            + body.path("description").asText());
        }
        return body.get("result");
    }

    public JsonNode call(String method, Map<String, ?> params)
            throws IOException, InterruptedException {
        return call(method, params, Duration.ofSeconds(30));
    }

    /** The Bot API's id of a channel or supergroup of this chat id: {@code -(10^12 + id)}. */
    public static long channelId(long chatId) {
        return -1_000_000_000_000L - chatId;
    }

    @Override
    public void close() {
        http.close();
    }
}
