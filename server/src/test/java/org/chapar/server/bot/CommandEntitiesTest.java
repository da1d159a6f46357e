package org.chapar.server.bot;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.MessageEntity;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Bot commands are found in a text where Telegram (TDLib's find_bot_commands) finds them. */
class CommandEntitiesTest {

    private static List<String> commands(String text) {
        return CommandEntities.find(text).stream()
                .map(e -> text.substring(e.getOffset(), e.getOffset() + e.getLength()))
                .toList();
    }

    @Test
    void commandsAtTheStartAfterSpacesAndWithABotsUsername() {
        assertThat(commands("/start")).containsExactly("/start");
        assertThat(commands("/help@weather_bot now")).containsExactly("/help@weather_bot");
        assertThat(commands("try /a_1 or /b, then (/c)")).containsExactly("/a_1", "/b", "/c");
        // a username shorter than 3 is not part of the command
        assertThat(commands("/go@ab")).containsExactly("/go");
    }

    @Test
    void slashesInsideWordsPathsAndUrlsAreNoCommands() {
        assertThat(commands("and/or")).isEmpty();
        assertThat(commands("/usr/bin")).isEmpty();
        assertThat(commands("see https://x.org/start")).isEmpty();
        assertThat(commands("/ alone")).isEmpty();
        assertThat(commands("<b>/x</b>")).isEmpty();
        assertThat(commands("/" + "a".repeat(65))).isEmpty();
        assertThat(commands("/" + "a".repeat(64))).hasSize(1);
        assertThat(commands("/cmd@" + "u".repeat(33))).isEmpty();
    }

    @Test
    void offsetsCountUtf16UnitsAndGivenEntitiesKeepTheirPlace() {
        String text = "\uD83D\uDE00 /start now";
        MessageEntity bold =
                MessageEntity.newBuilder().setType("bold").setOffset(10).setLength(3).build();
        List<MessageEntity> all = CommandEntities.with(text, List.of(bold));
        assertThat(all)
                .extracting(
                        MessageEntity::getType, MessageEntity::getOffset, MessageEntity::getLength)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bot_command", 3, 6),
                        org.assertj.core.groups.Tuple.tuple("bold", 10, 3));
        // a command inside a given entity (code, a link) stays as it was given
        MessageEntity code =
                MessageEntity.newBuilder().setType("code").setOffset(3).setLength(6).build();
        assertThat(CommandEntities.with(text, List.of(code))).containsExactly(code);
        assertThat(CommandEntities.with("no commands", List.of())).isEmpty();
    }
}
