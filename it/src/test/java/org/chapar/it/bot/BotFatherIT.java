package org.chapar.it.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.client.BotRequests;
import org.chapar.client.ChaparException;
import org.chapar.client.Peers;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Message;
import org.chapar.protocol.User;
import org.chapar.testkit.BotFatherChat;
import org.chapar.testkit.BotHttp;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * @BotFather over the SDK: bots created, reissued, described and deleted by talking to it.
 */
class BotFatherIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static final Pattern TOKEN = Pattern.compile("([0-9]+:[A-Za-z0-9_-]{35})");
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static String token(String answer) {
        Matcher m = TOKEN.matcher(answer);
        assertThat(m.find()).as(answer).isTrue();
        return m.group(1);
    }

    private static String freshUsername(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet() + "_bot";
    }

    /** /newbot from start to end; the token it answered. */
    private static String newBot(BotFatherChat father, String name, String username) {
        assertThat(father.ask("/newbot")).startsWith("Alright, a new bot.");
        assertThat(father.ask(name)).startsWith("Good. Now let's choose a username");
        String done = father.ask(username);
        assertThat(done)
                .startsWith(
                        "Done! Congratulations on your new bot. You will find it at @"
                                + username
                                + ".");
        return token(done);
    }

    private static BotHttp api(String token) {
        return new BotHttp(server.httpUri("/"), token);
    }

    @Test
    void botFatherIsAVerifiedBotThatAnswersHelp() {
        TestUser alice = server.newUser("alice");
        BotFatherChat father = server.botFather(alice);
        assertThat(father.father().getBot()).isTrue();
        assertThat(father.father().getVerified()).isTrue();
        assertThat(father.father().getUsername()).isEqualTo("BotFather");
        assertThat(father.ask("/start")).contains("/newbot - create a new bot");
        assertThat(alice.user().getVerified()).isFalse();
    }

    @Test
    void aBotMadeWithNewBotWorksOnTheBotApiWithTheTokenItAnswered() {
        TestUser alice = server.newUser("alice");
        BotFatherChat father = server.botFather(alice);
        String username = freshUsername("weather");

        assertThat(father.ask("/newbot")).startsWith("Alright, a new bot.");
        assertThat(father.ask("Weather")).startsWith("Good.");
        assertThat(father.ask("weather_helper"))
                .startsWith("Sorry, the username must end in 'bot'");
        String token = token(father.ask(username));

        BotHttp.Reply me = api(token).call("getMe");
        assertThat(me.ok()).isTrue();
        assertThat(me.result().get("username").asText()).isEqualTo(username);
        assertThat(me.result().get("first_name").asText()).isEqualTo("Weather");
        assertThat(new BotRequests(alice.client()).myBots().join())
                .extracting(User::getUsername)
                .containsExactly(username);

        // the name is taken now: the step asks again
        father.ask("/newbot");
        father.ask("Copy");
        assertThat(father.ask(username)).startsWith("Sorry, this username is already taken.");
        assertThat(father.ask("/cancel"))
                .isEqualTo("The command /newbot has been cancelled. Anything else for me?");
    }

    @Test
    void revokeAndTokenReplaceTheTokenAndTheOldOneIsRefusedAtOnce() {
        TestUser alice = server.newUser("alice");
        BotFatherChat father = server.botFather(alice);
        String username = freshUsername("keys");
        String first = newBot(father, "Keys", username);

        Message choose = father.say("/revoke");
        assertThat(choose.getText()).isEqualTo("Choose a bot to generate a new token.");
        assertThat(choose.getReplyMarkup().getKeyboardRows(0).getButtons(0).getText())
                .isEqualTo("@" + username);
        String second = token(father.ask("@" + username));
        assertThat(api(first).call("getMe").status()).isEqualTo(401);
        assertThat(api(second).call("getMe").ok()).isTrue();

        father.ask("/token");
        String third = token(father.ask(username));
        assertThat(api(second).call("getMe").status()).isEqualTo(401);
        assertThat(api(third).call("getMe").ok()).isTrue();
    }

    @Test
    void setCommandsAndSetDescriptionShowInTheBotApi() {
        TestUser alice = server.newUser("alice");
        BotFatherChat father = server.botFather(alice);
        String username = freshUsername("menu");
        BotHttp bot = api(newBot(father, "Menu", username));

        father.ask("/setcommands");
        father.ask(username);
        assertThat(father.ask("Start - Begins"))
                .startsWith("Sorry, the list of commands is invalid");
        assertThat(father.ask("start - Begins\nforecast - The weather today"))
                .isEqualTo("Success! Command list updated. /help");
        BotHttp.Reply commands = bot.call("getMyCommands");
        assertThat(commands.result().toString())
                .isEqualTo(
                        "[{\"command\":\"start\",\"description\":\"Begins\"},"
                                + "{\"command\":\"forecast\",\"description\":\"The weather today\"}]");

        father.ask("/setdescription");
        father.ask(username);
        assertThat(father.ask("Tells the weather."))
                .isEqualTo("Success! Description updated. /help");
        assertThat(bot.call("getMyDescription").result().get("description").asText())
                .isEqualTo("Tells the weather.");
    }

    @Test
    void deleteBotPurgesTheBotAndFreesItsUsername() {
        TestUser alice = server.newUser("alice");
        TestUser carol = server.newUser("carol");
        BotFatherChat father = server.botFather(alice);
        String username = freshUsername("doomed");
        BotHttp bot = api(newBot(father, "Doomed", username));
        User shown = carol.client().resolveUsername(username).join();
        carol.client().sendMessage(Peers.user(shown), "hello bot").join();
        assertThat(bot.call("getUpdates").result()).hasSize(1);

        father.ask("/deletebot");
        assertThat(father.ask("@" + username)).startsWith("OK, you selected @" + username);
        assertThat(father.ask("Yes, I am totally sure"))
                .startsWith("Please enter the confirmation text exactly like this:");
        assertThat(bot.call("getMe").ok()).as("not confirmed yet").isTrue();
        assertThat(father.ask("Yes, I am totally sure.")).isEqualTo("Done! The bot is gone. /help");

        assertThat(bot.call("getMe").status()).isEqualTo(401);
        assertThat(bot.call("getUpdates").status()).isEqualTo(401);
        assertThat(father.ask("/mybots")).startsWith("You have currently no bots.");
        // the chat carol had with it shows a deleted bot
        User deleted = carol.client().getUsers(List.of(shown.getId())).join().get(0);
        assertThat(deleted.getDisplayName()).isEqualTo("Deleted Bot");
        assertThat(deleted.getUsername()).isEmpty();

        // the username is free: a new bot (of anyone) may take it
        TestUser bob = server.newUser("bob");
        String again = newBot(server.botFather(bob), "Reborn", username);
        BotHttp.Reply me = api(again).call("getMe");
        assertThat(me.result().get("id").asLong()).isNotEqualTo(shown.getId());
        assertThat(carol.client().resolveUsername(username).join().getId())
                .isEqualTo(me.result().get("id").asLong());
    }

    @Test
    void onlyTheOwnerManagesABot() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        String alices = freshUsername("alices");
        String token = newBot(server.botFather(alice), "Alice's", alices);

        BotFatherChat bobs = server.botFather(bob);
        assertThat(bobs.ask("/revoke")).startsWith("You have currently no bots.");
        newBot(bobs, "Bob's", freshUsername("bobs"));
        for (String command : new String[] {"/revoke", "/token", "/setcommands", "/deletebot"}) {
            bobs.ask(command);
            assertThat(bobs.ask("@" + alices)).as(command).isEqualTo("Invalid bot selected.");
            bobs.ask("/cancel");
        }
        assertThat(api(token).call("getMe").ok()).isTrue();
        assertThatThrownBy(() -> new BotRequests(bob.client()).regenerateToken(alices).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        ChaparException.class,
                        e -> assertThat(e.getCode()).isEqualTo(ErrorCode.BOT_NOT_OWNED));
    }

    @Test
    void aUserMayOwnTwentyBots() {
        TestUser dave = server.newUser("dave");
        BotRequests requests = new BotRequests(dave.client());
        for (int i = 0; i < 20; i++) {
            requests.createBot(freshUsername("many"), "").join();
        }
        BotFatherChat father = server.botFather(dave);
        assertThat(father.ask("/newbot"))
                .startsWith("That I cannot do.")
                .contains("delete one with /deletebot");
        assertThatThrownBy(() -> requests.createBot(freshUsername("many"), "").join())
                .cause()
                .isInstanceOfSatisfying(
                        ChaparException.class,
                        e -> assertThat(e.getCode()).isEqualTo(ErrorCode.BOT_LIMIT));
        // a bot deleted makes room again
        father.ask("/deletebot");
        father.ask(requests.myBots().join().get(0).getUsername());
        assertThat(father.ask("Yes, I am totally sure.")).startsWith("Done!");
        assertThat(father.ask("/newbot")).startsWith("Alright, a new bot.");
    }
}
