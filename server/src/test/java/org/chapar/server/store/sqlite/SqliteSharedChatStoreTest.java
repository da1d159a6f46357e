package org.chapar.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ChatKind;
import org.chapar.server.chat.ChatRecord;
import org.chapar.server.store.SharedChatStoreContract;
import org.chapar.server.store.Store;
import org.chapar.server.sync.BoxEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

class SqliteSharedChatStoreTest extends SharedChatStoreContract {
    @TempDir Path dir;

    @Override
    protected Store openEmpty() {
        return SqliteStore.open(dir, 2, true, 16);
    }

    @Test
    void channelBoxesKeepTheirNewestEventsAndTrimOlderOnes() {
        long chat =
                store.write(
                                tx ->
                                        tx.sharedChats()
                                                .create(
                                                        new ChatRecord(
                                                                0,
                                                                ChatKind.CHANNEL,
                                                                "c",
                                                                "",
                                                                "",
                                                                1,
                                                                false,
                                                                0,
                                                                0,
                                                                0,
                                                                0,
                                                                0,
                                                                1)))
                        .join();
        store.write(
                        tx -> {
                            for (int i = 0; i < 40; i++) {
                                tx.channelBoxes()
                                        .append(
                                                chat,
                                                BoxEvent.message(
                                                        BoxEvent.Kind.NEW_MESSAGE, chat, i + 1, 1));
                            }
                            return null;
                        })
                .join();
        List<BoxEvent> kept = store.read(tx -> tx.channelBoxes().after(chat, 0, 100)).join();
        assertThat(kept.size()).isBetween(16, 16 + 2);
        assertThat(kept.get(kept.size() - 1).pts()).isEqualTo(40);
        assertThat(store.read(tx -> tx.sharedChats().get(chat)).join().orElseThrow().pts())
                .isEqualTo(40);
    }
}
