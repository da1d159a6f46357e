package org.chapar.server.store.sqlite;

import org.chapar.server.store.BotQueueStoreContract;
import org.chapar.server.store.Store;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteBotQueueStoreTest extends BotQueueStoreContract {
    @TempDir Path dir;

    @Override
    protected Store openEmpty() {
        return SqliteStore.open(dir, 2, true, 16);
    }
}
