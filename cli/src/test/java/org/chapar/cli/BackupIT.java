package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;
import org.chapar.testkit.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code chapar admin backup} while the server runs and serves; a server started on a data
 * directory restored from the backup has every message acknowledged before it.
 */
class BackupIT {
    @TempDir Path temp;

    @Test
    void aBackupTakenWhileTheServerRunsRestoresEveryMessageAcknowledgedBeforeIt() throws Exception {
        Path data = temp.resolve("data");
        Path backup = temp.resolve("backups/chapar-backup.db");
        Files.createDirectories(backup.getParent());
        List<ChaparClient> clients = new ArrayList<>();
        ServerProcess server = ServerProcess.start(data, 0);
        ServerProcess restored = null;
        try {
            ChaparClient bob = connect(server.uri(), clients);
            User bobUser = bob.register("backup_bob", "password-bob", null, "t").join().getUser();
            ChaparClient alice = connect(server.uri(), clients);
            alice.register("backup_alice", "password-alice", null, "t").join();
            Peer toBob =
                    Peer.newBuilder()
                            .setUserId(bobUser.getId())
                            .setAccessHash(bobUser.getAccessHash())
                            .build();
            List<String> before = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                alice.sendMessage(toBob, "before-" + i).join();
                before.add("before-" + i);
            }

            CliRun run =
                    CliRun.run(
                            temp.resolve("home"),
                            "",
                            "admin",
                            "backup",
                            "--data",
                            data.toString(),
                            backup.toString());
            assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
            assertThat(run.out()).contains("Backed up", backup.toString());
            alice.sendMessage(toBob, "after the backup").join();

            CliRun again =
                    CliRun.run(
                            temp.resolve("home"),
                            "",
                            "admin",
                            "backup",
                            "--data",
                            data.toString(),
                            backup.toString());
            assertThat(again.exit()).isEqualTo(1);
            assertThat(again.err()).contains("exists already");

            clients.forEach(ChaparClient::close);
            assertThat(server.stop()).isZero();

            Path restoredDir = Files.createDirectories(temp.resolve("restored"));
            Files.copy(backup, restoredDir.resolve("chapar.db"));
            restored = ServerProcess.start(restoredDir, 0);
            ChaparClient bobAgain = connect(restored.uri(), clients);
            bobAgain.login("backup_bob", "password-bob", "t").join();
            List<String> texts = history(bobAgain, toBobFrom(bobAgain));
            assertThat(texts).containsExactlyInAnyOrderElementsOf(before);
        } finally {
            clients.forEach(ChaparClient::close);
            server.close();
            if (restored != null) {
                restored.close();
            }
        }
    }

    private static ChaparClient connect(URI uri, List<ChaparClient> clients) {
        ChaparClient c = ChaparClient.builder(uri).clientName("backup-test").build();
        clients.add(c);
        c.connect().join();
        return c;
    }

    private static Peer toBobFrom(ChaparClient bob) {
        return bob.getDialogs("", 10).join().getDialogs(0).getPeer();
    }

    private static List<String> history(ChaparClient bob, Peer peer) {
        List<String> texts = new ArrayList<>();
        long offset = 0;
        while (true) {
            MessageList page = bob.getHistory(peer, offset, 100).join();
            if (page.getMessagesCount() == 0) {
                return texts;
            }
            page.getMessagesList().stream().map(Message::getText).forEach(texts::add);
            offset = page.getMessages(page.getMessagesCount() - 1).getId();
        }
    }
}
