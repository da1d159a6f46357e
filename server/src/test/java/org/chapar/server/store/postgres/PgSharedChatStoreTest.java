package org.chapar.server.store.postgres;

import org.chapar.server.store.SharedChatStoreContract;
import org.chapar.server.store.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared-chat part of the store contract on PostgreSQL. */
class PgSharedChatStoreTest extends SharedChatStoreContract {
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
