package org.chapar.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.chapar.server.store.Store;
import org.chapar.server.store.StoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Store openEmpty() {
        return SqliteStore.open(dir, 2, true);
    }

    @Test
    void committedDataSurvivesReopening() {
        long id = store.write(tx -> tx.accounts().create("durable", "d", "$h", 1)).join();
        store.close();
        store = SqliteStore.open(dir, 2, true);
        assertThat(store.read(tx -> tx.accounts().byId(id)).join()).isPresent();
    }
}
