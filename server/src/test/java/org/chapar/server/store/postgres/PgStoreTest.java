package org.chapar.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.server.store.Store;
import org.chapar.server.store.StoreContract;
import org.chapar.server.sync.BoxEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The store contract on PostgreSQL: one database for the class, emptied before each test. */
class PgStoreTest extends StoreContract {
    private static PgTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PgTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected Store openEmpty() {
        Store s = PgStore.open(database.url(), 1, 2, 16);
        database.truncate();
        return s;
    }

    @Test
    void boxesKeepTheirNewestEventsAndTrimOlderOnes() {
        long user = store.write(tx -> tx.accounts().create("trimmed", "t", "$h", 1)).join();
        store.write(
                        tx -> {
                            for (int i = 0; i < 40; i++) {
                                tx.boxes()
                                        .append(
                                                user,
                                                BoxEvent.message(
                                                        BoxEvent.Kind.NEW_MESSAGE, 1, i + 1, 1));
                            }
                            return null;
                        })
                .join();
        List<BoxEvent> kept = store.read(tx -> tx.boxes().after(user, 0, 100)).join();
        assertThat(store.read(tx -> tx.boxes().head(user)).join()).isEqualTo(40);
        assertThat(kept.size()).isBetween(16, 16 + 2);
        assertThat(kept.get(kept.size() - 1).pts()).isEqualTo(40);
    }

    @Test
    void committedDataSurvivesReopening() {
        long id = store.write(tx -> tx.accounts().create("durable", "d", "$h", 1)).join();
        store.close();
        store = PgStore.open(database.url(), 1, 2, 16);
        assertThat(store.read(tx -> tx.accounts().byId(id)).join()).isPresent();
    }
}
