package org.chapar.it.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chapar.client.ChaparClient;
import org.chapar.testkit.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A server refuses a data directory it cannot safely use, and says why in plain words: one that
 * another server holds, an empty database file, a damaged one, one from a newer version. The
 * allowed case of each: the same directory starts once the cause is gone.
 */
class DataDirIT {
    @TempDir Path temp;
    private final List<ChaparClient> clients = new ArrayList<>();
    private final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        clients.forEach(ChaparClient::close);
        for (ServerProcess s : servers) {
            s.close();
        }
    }

    private ServerProcess start(Path data) throws IOException {
        ServerProcess s = ServerProcess.start(data, 0);
        servers.add(s);
        return s;
    }

    /** A data directory with a few messages in it, its server stopped. */
    private Path withMessages(String tag) throws Exception {
        Path data = temp.resolve(tag);
        ServerProcess s = start(data);
        Ledger ledger = Ledger.register(s.uri(), tag, clients);
        assertThat(ledger.round(50)).isZero();
        assertThat(s.stop()).isZero();
        return data;
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryRefusesToStartWhileTheFirstServes() throws Exception {
        Path data = temp.resolve("shared");
        ServerProcess first = start(data);
        Ledger ledger = Ledger.register(first.uri(), "shared", clients);

        assertThatThrownBy(() -> start(data))
                .hasMessageContaining("exit status 1")
                .hasMessageContaining("is in use by another Chapar server")
                .hasMessageContaining("Stop that server first");
        assertThat(ledger.round(10)).as("the first server still writes").isZero();

        assertThat(first.stop()).isZero();
        ServerProcess second = start(data);
        ledger.assertStoredExactlyTheAcknowledged(ledger.bobAt(second.uri(), clients));
    }

    @Test
    void anEmptyDatabaseFileIsRefusedNotTakenForANewDatabase() throws Exception {
        Path data = Files.createDirectories(temp.resolve("empty"));
        Files.createFile(data.resolve("chapar.db"));

        assertThatThrownBy(() -> start(data))
                .hasMessageContaining("is empty (0 bytes)")
                .hasMessageContaining("restore the last backup");
        assertThat(Files.size(data.resolve("chapar.db"))).isZero();

        Files.delete(data.resolve("chapar.db"));
        start(data);
    }

    @Test
    void aDamagedDatabaseIsRefusedAtStart() throws Exception {
        Path data = withMessages("damaged");
        Path db = data.resolve("chapar.db");
        byte[] healthy = Files.readAllBytes(db);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            byte[] garbage = new byte[2 * 4096];
            Arrays.fill(garbage, (byte) 0x5A);
            f.seek(f.length() / 4096 / 2 * 4096);
            f.write(garbage);
        }

        assertThatThrownBy(() -> start(data))
                .hasMessageContaining("is damaged")
                .hasMessageContaining(".recover");

        Files.write(db, healthy);
        start(data);
    }

    @Test
    void aDatabaseOfANewerVersionIsRefused() throws Exception {
        Path data = withMessages("newer");
        String future =
                "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                        + " script, checksum, installed_by, installed_on, execution_time, success)"
                        + " VALUES (%d, '99', 'from the future', 'SQL', 'V99__from_the_future.sql',"
                        + " 0, 'test', CURRENT_TIMESTAMP, 0, 1)";
        String url = "jdbc:sqlite:" + data.resolve("chapar.db");
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.executeUpdate(future.formatted(99));
        }

        assertThatThrownBy(() -> start(data))
                .hasMessageContaining("written by a newer version of Chapar")
                .hasMessageContaining("schema version 99");

        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '99'");
        }
        start(data);
    }
}
