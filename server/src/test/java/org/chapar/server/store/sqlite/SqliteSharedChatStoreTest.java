package org.chapar.server.store.sqlite;

import java.nio.file.Path;
import org.chapar.server.store.SharedChatStoreContract;
import org.chapar.server.store.Store;
import org.junit.jupiter.api.io.TempDir;

class SqliteSharedChatStoreTest extends SharedChatStoreContract {
    @TempDir
    Path dir;

    @Override
    protected Store openEmpty() {
        return SqliteStore.open(dir, 2, true, 16);
    }
}
