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

/** `chapar bot create`: the token it prints signs the bot in to the Bot API. */
class CliBotIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @TempDir Path home;

    private CliRun ok(String... args) {
        CliRun r = CliRun.run(home, "", args);
        assertThat(r.exit()).as("exit of %s; stderr: %s", List.of(args), r.err()).isZero();
        return r;
    }

    private JsonNode getMe(String token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + server.port()
                                                            + "/bot"
                                                            + token
                                                            + "/getMe"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(r.body());
        }
    }

    @Test
    void createPrintsATokenThatTheBotApiTakes() throws Exception {
        CliRun.register(home, server.port(), "default", "botowner_cli");

        String token = ok("bot", "create", "weather_cli_bot", "--name", "Weather").out().strip();
        assertThat(token).matches("\\d+:[A-Za-z0-9_-]+");
        JsonNode me = getMe(token);
        assertThat(me.get("ok").asBoolean()).as(me.toString()).isTrue();
        assertThat(me.get("result").get("username").asText()).isEqualTo("weather_cli_bot");
        assertThat(me.get("result").get("first_name").asText()).isEqualTo("Weather");
        assertThat(me.get("result").get("is_bot").asBoolean()).isTrue();

        JsonNode json = ok("--json", "bot", "create", "news_cli_bot").first();
        assertThat(json.get("bot").get("username").asText()).isEqualTo("news_cli_bot");
        assertThat(json.get("bot").get("display_name").asText()).isEqualTo("news_cli_bot");
        assertThat(getMe(json.get("token").asText()).get("result").get("id").asLong())
                .isEqualTo(json.get("bot").get("id").asLong());
    }

    @Test
    void aUsernameThatDoesNotEndInBotIsRefused() {
        CliRun.register(home, server.port(), "default", "botowner_refused");

        CliRun refused = CliRun.run(home, "", "bot", "create", "weather_cli");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .isEqualTo("error: BOT_USERNAME_INVALID: A bot's username must end in \"bot\"\n");
        CliRun taken = CliRun.run(home, "", "bot", "create", "botowner_refused_bot");
        assertThat(taken.exit()).as(taken.err()).isZero();
        CliRun again = CliRun.run(home, "", "bot", "create", "botowner_refused_bot");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("error: USERNAME_");
    }

    @Test
    void tokenGivesANewTokenAndTheOldOneStopsListShowsOnlyOnesOwnBots() throws Exception {
        CliRun.register(home, server.port(), "default", "botowner_token");
        CliRun.register(home, server.port(), "other", "botowner_other");
        assertThat(ok("bot", "list").out()).isEqualTo("No bots.\n");
        String first = ok("bot", "create", "alpha_cli_bot").out().strip();
        ok("bot", "create", "beta_cli_bot");
        ok("--profile", "other", "bot", "create", "gamma_cli_bot");

        String second = ok("bot", "token", "@alpha_cli_bot").out().strip();
        assertThat(second).isNotEqualTo(first).startsWith(first.substring(0, first.indexOf(':')));
        JsonNode old = getMe(first);
        assertThat(old.get("ok").asBoolean()).isFalse();
        assertThat(old.get("error_code").asInt()).isEqualTo(401);
        assertThat(getMe(second).get("result").get("username").asText()).isEqualTo("alpha_cli_bot");

        // another user's bot is not one's own: refused, and its token keeps working
        CliRun refused =
                CliRun.run(home, "", "--profile", "other", "bot", "token", "alpha_cli_bot");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .isEqualTo("error: BOT_NOT_OWNED: You have no bot called @alpha_cli_bot\n");
        assertThat(getMe(second).get("ok").asBoolean()).isTrue();

        assertThat(ok("--json", "bot", "list").json())
                .extracting(n -> n.get("username").asText())
                .containsExactly("alpha_cli_bot", "beta_cli_bot");
        assertThat(ok("--profile", "other", "bot", "list").out())
                .startsWith("@gamma_cli_bot (gamma_cli_bot, id ");
    }

    @Test
    void withoutASubcommandItSaysWhichExist() {
        CliRun r = CliRun.run(home, "", "bot");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("missing subcommand: create, token or list");
    }
}
