package org.chapar.server.store.postgres;

import org.chapar.server.store.BotQueueStoreContract;
import org.chapar.server.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bot queue contract on PostgreSQL: one database for the class, emptied before each test. */
class PgBotQueueStoreTest extends BotQueueStoreContract {
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
}
