package org.chapar.server.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.account.Usernames;
import org.chapar.server.core.ApiException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Every command of @BotFather and every way it refuses, against an in-memory desk. */
class BotFatherDialogueTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;

    private final FakeDesk desk = new FakeDesk();
    private final BotFatherDialogue dialogue = new BotFatherDialogue(desk, 100);

    private String say(long user, String text) {
        return reply(user, text).text();
    }

    private BotFatherDialogue.Reply reply(long user, String text) {
        return dialogue.answer(user, text).join();
    }

    private String newBot(long user, String username) {
        assertThat(say(user, "/newbot")).isEqualTo(BotFatherTexts.ASK_NAME);
        assertThat(say(user, "Weather")).isEqualTo(BotFatherTexts.ASK_USERNAME);
        return say(user, username);
    }

    @Test
    void startAndHelpListEveryCommand() {
        for (String c : List.of("/start", "/help", "/help@BotFather")) {
            String help = say(ALICE, c);
            assertThat(help).startsWith("I can help you create and manage bots.");
            for (String command :
                    List.of(
                            "newbot",
                            "mybots",
                            "token",
                            "revoke",
                            "setdescription",
                            "setcommands",
                            "deletebot",
                            "cancel")) {
                assertThat(help).contains("\n/" + command + " - ");
            }
        }
        assertThat(say(ALICE, "hello")).isEqualTo(BotFatherTexts.UNRECOGNIZED);
        assertThat(say(ALICE, "/nothing")).isEqualTo(BotFatherTexts.UNRECOGNIZED);
    }

    @Test
    void newBotAsksANameThenAUsernameAndAnswersWithTheToken() {
        String done = newBot(ALICE, "@Weather_bot");
        assertThat(done)
                .startsWith(
                        "Done! Congratulations on your new bot. You will find it at @Weather_bot.")
                .contains(
                        "Use this token to access the HTTP API:\n" + desk.tokens.get("weather_bot"))
                .contains("Keep your token secure");
        assertThat(desk.tokens.get("weather_bot")).matches("[0-9]+:t1");
        assertThat(desk.names.get("weather_bot")).isEqualTo("Weather");
        assertThat(dialogue.pending()).isZero();
    }

    @Test
    void aBadOrTakenUsernameIsRefusedAndTheSameStepAsksAgain() {
        newBot(BOB, "taken_bot");
        say(ALICE, "/newbot");
        say(ALICE, "  A   Name  ");
        assertThat(say(ALICE, "weather")).isEqualTo(BotFatherTexts.MUST_END_IN_BOT);
        assertThat(say(ALICE, "b!bot")).isEqualTo(BotFatherTexts.USERNAME_INVALID);
        assertThat(say(ALICE, "Taken_Bot")).isEqualTo(BotFatherTexts.USERNAME_TAKEN);
        assertThat(say(ALICE, "fresh_bot")).startsWith("Done! Congratulations");
        assertThat(desk.names.get("fresh_bot")).isEqualTo("A Name");
    }

    @Test
    void aNameWithInvisibleCharactersIsRefusedAndALongOneCutAsCreateBotCutsIt() {
        say(ALICE, "/newbot");
        assertThat(say(ALICE, "evil\u202Eman")).startsWith("Sorry, ").endsWith("another name.");
        assertThat(say(ALICE, "\u0007")).isEqualTo(BotFatherTexts.ASK_NAME);
        assertThat(say(ALICE, "x".repeat(65))).isEqualTo(BotFatherTexts.ASK_USERNAME);
        say(ALICE, "long_bot");
        assertThat(desk.names.get("long_bot")).isEqualTo("x".repeat(64));
    }

    @Test
    void twentyBotsIsTheLimitAtTheStartAndAtTheLastStep() {
        for (int i = 0; i < 19; i++) {
            assertThat(newBot(ALICE, "b" + i + "_bot")).startsWith("Done!");
        }
        say(ALICE, "/newbot");
        say(ALICE, "Twentieth");
        // another client of the same user takes the last place meanwhile
        desk.owners.put("other_bot", ALICE);
        assertThat(say(ALICE, "last_bot")).isEqualTo(BotFatherTexts.LIMIT);
        assertThat(dialogue.pending()).isZero();
        assertThat(say(ALICE, "/newbot")).isEqualTo(BotFatherTexts.LIMIT).contains("20 bots");
        assertThat(say(ALICE, "more_bot")).isEqualTo(BotFatherTexts.UNRECOGNIZED);
    }

    @Test
    void myBotsListsOnlyTheUsersOwnBots() {
        assertThat(say(ALICE, "/mybots")).isEqualTo(BotFatherTexts.NO_BOTS);
        newBot(ALICE, "first_bot");
        newBot(ALICE, "second_bot");
        newBot(BOB, "bobs_bot");
        var list = reply(ALICE, "/mybots");
        assertThat(list.text()).contains("@first_bot\n@second_bot").doesNotContain("bobs_bot");
        assertThat(list.choices()).containsExactly("@first_bot", "@second_bot");
    }

    @Test
    void tokenAndRevokeGiveANewTokenForTheChosenBot() {
        newBot(ALICE, "my_bot");
        var choose = reply(ALICE, "/token");
        assertThat(choose.text()).isEqualTo("Choose a bot to generate a new token.");
        assertThat(choose.choices()).containsExactly("@my_bot");
        assertThat(say(ALICE, "@my_bot"))
                .startsWith("Chapar keeps only a hash of a bot's token")
                .contains(desk.tokens.get("my_bot"));
        assertThat(desk.tokens.get("my_bot")).endsWith(":t2");

        say(ALICE, "/revoke");
        assertThat(say(ALICE, "MY_BOT"))
                .startsWith("Your token was replaced with a new one.")
                .contains(desk.tokens.get("my_bot"));
        assertThat(desk.tokens.get("my_bot")).endsWith(":t3");
    }

    @Test
    void anotherUsersBotIsAnInvalidChoiceAndTheStepAsksAgain() {
        newBot(ALICE, "alices_bot");
        newBot(BOB, "bobs_bot");
        for (String command : List.of("/token", "/revoke", "/setdescription", "/setcommands")) {
            say(ALICE, command);
            var refused = reply(ALICE, "@bobs_bot");
            assertThat(refused.text()).isEqualTo(BotFatherTexts.INVALID_BOT);
            assertThat(refused.choices()).containsExactly("@alices_bot");
        }
        say(ALICE, "/deletebot");
        assertThat(say(ALICE, "bobs_bot")).isEqualTo(BotFatherTexts.INVALID_BOT);
        assertThat(desk.tokens.get("bobs_bot")).endsWith(":t1");
        assertThat(desk.owners).containsKey("bobs_bot");
    }

    @Test
    void commandsThatChooseABotNeedABot() {
        for (String c :
                List.of("/token", "/revoke", "/setdescription", "/setcommands", "/deletebot")) {
            assertThat(say(ALICE, c)).isEqualTo(BotFatherTexts.NO_BOTS);
        }
        assertThat(dialogue.pending()).isZero();
    }

    @Test
    void setDescriptionStoresTheTextAndEmptyClearsIt() {
        newBot(ALICE, "desc_bot");
        assertThat(say(ALICE, "/setdescription")).isEqualTo("Choose a bot to change description.");
        assertThat(say(ALICE, "@desc_bot")).isEqualTo(BotFatherTexts.ASK_DESCRIPTION);
        assertThat(say(ALICE, "Tells the weather.")).isEqualTo(BotFatherTexts.DESCRIPTION_SET);
        assertThat(desk.descriptions.get("desc_bot")).isEqualTo("Tells the weather.");

        say(ALICE, "/setdescription");
        say(ALICE, "desc_bot");
        assertThat(say(ALICE, "a\u200Bb")).startsWith("Sorry, ").endsWith("another description.");
        assertThat(say(ALICE, "/empty")).isEqualTo(BotFatherTexts.DESCRIPTION_SET);
        assertThat(desk.descriptions.get("desc_bot")).isEmpty();
    }

    @Test
    void setCommandsTakesTelegramsFormatAndRefusesABadListInTheSameStep() {
        newBot(ALICE, "cmd_bot");
        say(ALICE, "/setcommands");
        assertThat(say(ALICE, "@cmd_bot")).isEqualTo(BotFatherTexts.ASK_COMMANDS);
        assertThat(say(ALICE, "start Begins")).startsWith("Sorry, the list of commands is invalid");
        assertThat(say(ALICE, "Start - Begins"))
                .isEqualTo(
                        BotFatherTexts.commandsInvalid("Bad Request: command must be non-empty"));
        assertThat(say(ALICE, "start - \nhelp - Helps"))
                .contains("command description must be non-empty");
        assertThat(say(ALICE, "start - Begins\n\n/weather - The forecast - today"))
                .isEqualTo(BotFatherTexts.COMMANDS_SET);
        assertThat(desk.commands.get("cmd_bot"))
                .containsExactly(
                        new BotCommands.Command("start", "Begins"),
                        new BotCommands.Command("weather", "The forecast - today"));

        say(ALICE, "/setcommands");
        say(ALICE, "cmd_bot");
        assertThat(say(ALICE, "/empty")).isEqualTo(BotFatherTexts.COMMANDS_SET);
        assertThat(desk.commands.get("cmd_bot")).isEmpty();
    }

    @Test
    void deleteBotNeedsTheExactConfirmation() {
        newBot(ALICE, "doomed_bot");
        assertThat(say(ALICE, "/deletebot")).isEqualTo("Choose a bot to delete.");
        assertThat(say(ALICE, "@doomed_bot"))
                .isEqualTo(BotFatherTexts.askConfirmation("doomed_bot"))
                .contains("'Yes, I am totally sure.'");
        assertThat(say(ALICE, "yes")).isEqualTo(BotFatherTexts.CONFIRM_EXACTLY);
        assertThat(say(ALICE, "Yes, I am totally sure")).isEqualTo(BotFatherTexts.CONFIRM_EXACTLY);
        assertThat(desk.owners).containsKey("doomed_bot");
        assertThat(say(ALICE, "Yes, I am totally sure.")).isEqualTo(BotFatherTexts.DELETED);
        assertThat(desk.owners).doesNotContainKey("doomed_bot");
        assertThat(say(ALICE, "/mybots")).isEqualTo(BotFatherTexts.NO_BOTS);
    }

    @Test
    void aBotDeletedBetweenChoosingAndActingIsRefused() {
        newBot(ALICE, "gone_bot");
        say(ALICE, "/setdescription");
        say(ALICE, "gone_bot");
        desk.owners.remove("gone_bot");
        assertThat(say(ALICE, "A description")).isEqualTo(BotFatherTexts.INVALID_BOT);
        assertThat(dialogue.pending()).isZero();
    }

    @Test
    void cancelEndsTheCommandUnderWayAndANewCommandReplacesIt() {
        assertThat(say(ALICE, "/cancel")).isEqualTo(BotFatherTexts.NOTHING_TO_CANCEL);
        say(ALICE, "/newbot");
        assertThat(say(ALICE, "/cancel")).isEqualTo(BotFatherTexts.cancelled("newbot"));
        assertThat(say(ALICE, "weather_bot")).isEqualTo(BotFatherTexts.UNRECOGNIZED);
        assertThat(desk.owners).isEmpty();

        say(ALICE, "/newbot");
        say(ALICE, "Name");
        assertThat(say(ALICE, "/help")).startsWith("I can help you");
        assertThat(say(ALICE, "weather_bot")).isEqualTo(BotFatherTexts.UNRECOGNIZED);
        assertThat(desk.owners).isEmpty();
    }

    @Test
    void eachUserHasTheirOwnStepAndTheOldestAreForgottenBeyondTheBound() {
        BotFatherDialogue small = new BotFatherDialogue(desk, 2);
        small.answer(ALICE, "/newbot").join();
        small.answer(BOB, "/newbot").join();
        assertThat(small.answer(ALICE, "Alice's").join().text())
                .isEqualTo(BotFatherTexts.ASK_USERNAME);
        small.answer(3, "/newbot").join();
        assertThat(small.pending()).isEqualTo(2);
        // Bob wrote least recently: his step was dropped, Alice's kept
        assertThat(small.answer(BOB, "Bob's").join().text()).isEqualTo(BotFatherTexts.UNRECOGNIZED);
        assertThat(small.answer(ALICE, "alice_bot").join().text()).startsWith("Done!");
    }

    /** Bots by lower-cased username, with the rules BotService applies. */
    private static final class FakeDesk implements BotFatherDialogue.Desk {
        final Map<String, Long> owners = new LinkedHashMap<>();
        final Map<String, String> names = new HashMap<>();
        final Map<String, String> tokens = new HashMap<>();
        final Map<String, String> descriptions = new HashMap<>();
        final Map<String, List<BotCommands.Command>> commands = new HashMap<>();
        private final Map<String, Integer> issued = new HashMap<>();
        private final Map<String, String> display = new HashMap<>();

        @Override
        public CompletableFuture<List<String>> bots(long owner) {
            List<String> out = new ArrayList<>();
            owners.forEach(
                    (k, o) -> {
                        if (o == owner) {
                            out.add(display.getOrDefault(k, k));
                        }
                    });
            return CompletableFuture.completedFuture(out);
        }

        @Override
        public CompletableFuture<String> create(long owner, String username, String name) {
            return CompletableFuture.supplyAsync(
                    () -> {
                        String u = Usernames.requireBot(username);
                        String key = u.toLowerCase(Locale.ROOT);
                        if (owners.containsKey(key)) {
                            throw new ApiException(ErrorCode.USERNAME_TAKEN, "taken");
                        }
                        if (bots(owner).join().size() >= BotService.MAX_BOTS_PER_OWNER) {
                            throw new ApiException(ErrorCode.BOT_LIMIT, "limit");
                        }
                        owners.put(key, owner);
                        display.put(key, u);
                        names.put(key, name);
                        return issue(key);
                    },
                    Runnable::run);
        }

        @Override
        public CompletableFuture<String> regenerate(long owner, String username) {
            return CompletableFuture.supplyAsync(
                    () -> issue(owned(owner, username)), Runnable::run);
        }

        @Override
        public CompletableFuture<Void> setDescription(long owner, String username, String d) {
            return CompletableFuture.runAsync(
                    () -> descriptions.put(owned(owner, username), d), Runnable::run);
        }

        @Override
        public CompletableFuture<Void> setCommands(
                long owner, String username, List<BotCommands.Command> list) {
            return CompletableFuture.runAsync(
                    () -> commands.put(owned(owner, username), list), Runnable::run);
        }

        @Override
        public CompletableFuture<Void> delete(long owner, String username) {
            return CompletableFuture.runAsync(
                    () -> owners.remove(owned(owner, username)), Runnable::run);
        }

        private String owned(long owner, String username) {
            String key = username.toLowerCase(Locale.ROOT);
            Long o = owners.get(key);
            if (o == null || o != owner) {
                throw new ApiException(ErrorCode.BOT_NOT_OWNED, "not yours");
            }
            return key;
        }

        private String issue(String key) {
            int n = issued.merge(key, 1, Integer::sum);
            String token = (100 + owners.size()) + ":t" + n;
            tokens.put(key, token);
            return token;
        }
    }
}
