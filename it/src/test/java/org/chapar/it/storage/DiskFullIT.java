package org.chapar.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.testkit.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server on a small real disk (a tmpfs) that fills up: sends are refused as not applied while it
 * is full, /health says the store cannot write, and once space is freed the server writes again by
 * itself. Afterwards every acknowledged message is stored once and no refused one is stored.
 */
class DiskFullIT {
    private static final int ROUND = 20;

    @TempDir Path temp;

    @Test
    void aFullDiskRefusesWritesAndTheServerResumesOnItsOwnWhenSpaceIsFreed() throws Exception {
        List<ChaparClient> clients = new ArrayList<>();
        try (SmallDisk disk = SmallDisk.mount(temp.resolve("disk"), "16m")) {
            ServerProcess server = ServerProcess.start(disk.dir().resolve("data"), 0);
            try {
                Ledger ledger = Ledger.register(server.uri(), "full", clients);
                assertThat(ledger.round(ROUND)).as("refused before the disk is full").isZero();

                Path filler = disk.fill();
                int rounds = 0;
                while (ledger.refused.isEmpty() && rounds++ < 500) {
                    ledger.round(ROUND);
                }
                assertThat(ledger.refused).as("sends refused on a full disk").isNotEmpty();
                Health full = Health.of(server.port());
                assertThat(full.status()).isEqualTo(503);
                assertThat(full.body()).contains("\"status\":\"failing\"", "cannot write");
                assertThat(ledger.round(ROUND)).as("refused while still full").isPositive();

                Files.delete(filler);
                assertThat(Health.awaitOk(server.port(), Duration.ofSeconds(30)).status())
                        .as("healthy again once space is freed")
                        .isEqualTo(200);
                int refusedBefore = ledger.refused.size();
                for (int i = 0; i < 5; i++) {
                    assertThat(ledger.round(ROUND)).as("refused after space was freed").isZero();
                }
                assertThat(ledger.refused).hasSize(refusedBefore);

                ledger.assertStoredExactlyTheAcknowledged(ledger.bob);
            } finally {
                clients.forEach(ChaparClient::close);
                server.close();
            }
        }
    }
}
