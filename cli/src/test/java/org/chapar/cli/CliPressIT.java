package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.chapar.testkit.ChaparServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A bot's buttons in the CLI: {@code history} shows them under the message, {@code press} taps one
 * by its text (the bot's callback answer printed, a link printed, a reply-keyboard button sent as
 * text), and a button that is not there is an error. The bot is driven over the real Bot API.
 */
class CliPressIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private String token;
    private long offset;

    private CliRun ok(String... args) {
        CliRun r = CliRun.run(home, "", args);
        assertThat(r.exit()).as("exit of %s; stderr: %s", List.of(args), r.err()).isZero();
        return r;
    }

    private JsonNode bot(String method, String body) throws Exception {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + server.port()
                                                        + "/bot"
                                                        + token
                                                        + "/"
                                                        + method))
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode j = JSON.readTree(r.body());
        assertThat(j.get("ok").asBoolean()).as(method + ": " + r.body()).isTrue();
        return j.get("result");
    }

    /** The next update the bot gets, long polling up to 10 s. */
    private JsonNode nextUpdate() throws Exception {
        JsonNode list = bot("getUpdates", "{\"offset\":" + offset + ",\"timeout\":10,\"limit\":1}");
        assertThat(list).as("an update within 10 s").isNotEmpty();
        offset = list.get(0).get("update_id").asLong() + 1;
        return list.get(0);
    }

    @Test
    void historyShowsTheButtonsAndPressTapsThemByText() throws Exception {
        CliRun.register(home, server.port(), "default", "presser_cli");
        token = ok("bot", "create", "press_cli_bot").out().strip();
        ok("send", "@press_cli_bot", "/start");
        long chat = nextUpdate().get("message").get("chat").get("id").asLong();

        long id =
                bot(
                                "sendMessage",
                                "{\"chat_id\":"
                                        + chat
                                        + ",\"text\":\"Publish?\",\"reply_markup\":{\"inline_keyboard\":"
                                        + "[[{\"text\":\"Yes\",\"callback_data\":\"pub:1\"},"
                                        + "{\"text\":\"Site\",\"url\":\"https://example.org/\"}]]}}")
                        .get("message_id")
                        .asLong();
        assertThat(ok("history", "@press_cli_bot").out())
                .contains("@press_cli_bot (bot): Publish?")
                .contains("[Yes] [Site -> https://example.org/]")
                .contains("] you: /start");
        JsonNode shown =
                ok("--json", "history", "@press_cli_bot").json().stream()
                        .filter(n -> n.get("id").asLong() == id)
                        .findFirst()
                        .orElseThrow();
        assertThat(shown.at("/inline_keyboard/0/0/callback_data").asText()).isEqualTo("pub:1");
        assertThat(shown.at("/from/username").asText()).isEqualTo("press_cli_bot");
        assertThat(shown.at("/from/bot").asBoolean()).isTrue();

        // the press waits for the bot's answer: the bot reads the callback and answers it
        CliRun.Running press =
                CliRun.start(home, "", "press", "@press_cli_bot", Long.toString(id), "Yes");
        JsonNode query = nextUpdate().get("callback_query");
        assertThat(query.get("data").asText()).isEqualTo("pub:1");
        assertThat(query.get("message").get("message_id").asLong()).isEqualTo(id);
        bot(
                "answerCallbackQuery",
                "{\"callback_query_id\":\""
                        + query.get("id").asText()
                        + "\",\"text\":\"Published\"}");
        CliRun pressed = press.result();
        assertThat(pressed.exit()).as(pressed.err()).isZero();
        assertThat(pressed.out()).contains("Published");

        assertThat(ok("press", "@press_cli_bot", Long.toString(id), "Site").out())
                .contains("Link: https://example.org/");
        CliRun missing = CliRun.run(home, "", "press", "@press_cli_bot", Long.toString(id), "No");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: BUTTON_NOT_FOUND: ");

        // a reply keyboard's button is sent to the chat as its text
        long menu =
                bot(
                                "sendMessage",
                                "{\"chat_id\":"
                                        + chat
                                        + ",\"text\":\"Choose\",\"reply_markup\":{\"keyboard\":"
                                        + "[[{\"text\":\"Weather\"}]]}}")
                        .get("message_id")
                        .asLong();
        assertThat(ok("history", "@press_cli_bot").out()).contains("keyboard: [Weather]");
        ok("press", "@press_cli_bot", Long.toString(menu), "Weather");
        assertThat(nextUpdate().get("message").get("text").asText()).isEqualTo("Weather");
    }
}
