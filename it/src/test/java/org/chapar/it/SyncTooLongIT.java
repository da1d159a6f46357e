package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.client.ChaparClient;
import org.chapar.client.SyncStateStore;
import org.chapar.protocol.Difference;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.chapar.testkit.UpdateRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A box too far behind is not replayed: the answer is too_long and the client reloads. */
class SyncTooLongIT {
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(c -> c.withTooLongBound(20));

    @TempDir java.nio.file.Path temp;

    @Test
    void aGapOverTheBoundAnswersTooLongWithTheCurrentState() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        long start = bob.client().getState().join().getPts();
        for (int i = 0; i < 25; i++) {
            alice.client().sendMessage(bob.peer(), "m" + i).join();
        }
        Difference diff = bob.client().getDifference(start, 100).join();
        assertThat(diff.getTooLong()).isTrue();
        assertThat(diff.getUpdatesList()).isEmpty();
        assertThat(diff.getState().getPts()).isEqualTo(start + 25);
        assertThat(diff.getState().getUnreadCount()).isEqualTo(25);

        Difference near = bob.client().getDifference(start + 10, 100).join();
        assertThat(near.getTooLong()).isFalse();
        assertThat(near.getUpdatesList()).hasSize(15);
    }

    @Test
    void theSdkAsksTheApplicationToReloadAndContinuesFromTheNewState() {
        TestUser alice = server.newUser("alice");
        var state = SyncStateStore.file(temp.resolve("bob.state"));
        TestUser bob = server.newUser("bob", state);
        bob.client().close();
        for (int i = 0; i < 25; i++) {
            alice.client().sendMessage(bob.peer(), "m" + i).join();
        }
        ChaparClient again = server.client(SyncStateStore.file(temp.resolve("bob.state")));
        UpdateRecorder recorder = new UpdateRecorder();
        again.addUpdateListener(recorder);
        again.connect().join();
        alice.client().sendMessage(bob.peer(), "after reload").join();
        recorder.awaitOne(UpdateRecorder.newMessage("after reload"));
        // the reload request was decided before the later message, and asked for once
        assertThat(recorder.reloads()).isEqualTo(1);
    }
}
