package org.chapar.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.testkit.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGTERM stops a server cleanly: exit status 0, and the WAL copied into chapar.db and removed, so
 * that chapar.db alone holds every acknowledged message.
 */
class CleanStopIT {
    @TempDir Path temp;

    @Test
    void sigtermExitsZeroAndLeavesEveryAcknowledgedMessageInChaparDbAlone() throws Exception {
        Path data = temp.resolve("data");
        List<ChaparClient> clients = new ArrayList<>();
        ServerProcess server = ServerProcess.start(data, 0);
        ServerProcess fromDbAlone = null;
        try {
            Ledger ledger = Ledger.register(server.uri(), "stop", clients);
            for (int i = 0; i < 10; i++) {
                assertThat(ledger.round(20)).isZero();
            }
            clients.forEach(ChaparClient::close);

            assertThat(server.stop()).as("exit status after SIGTERM").isZero();
            assertThat(data.resolve("chapar.db-wal")).doesNotExist();

            Path alone = Files.createDirectories(temp.resolve("alone"));
            Files.copy(data.resolve("chapar.db"), alone.resolve("chapar.db"));
            fromDbAlone = ServerProcess.start(alone, 0);
            ChaparClient bob = ledger.bobAt(fromDbAlone.uri(), clients);
            assertThat(ledger.acked).hasSize(200);
            ledger.assertStoredExactlyTheAcknowledged(bob);
        } finally {
            clients.forEach(ChaparClient::close);
            server.close();
            if (fromDbAlone != null) {
                fromDbAlone.close();
            }
        }
    }
}
