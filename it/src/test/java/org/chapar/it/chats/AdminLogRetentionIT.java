package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.testkit.ChaparAssertions.awaitCondition;

import org.chapar.protocol.AdminLogEntry;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.GetAdminLog;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

/**
 * The admin log keeps 48 hours, by the server's clock. Writing to the log does not purge it: a
 * purge the server schedules deletes what is past retention from the store, in chats where nobody
 * acts any more too, and keeps the rest.
 */
class AdminLogRetentionIT {
    static final TestClock clock = TestClock.now();

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    c -> c.withClock(clock).withPurgeInterval(Duration.ofMillis(100)));

    /** What the store holds, purged or not: a read would hide expired entries anyway. */
    private static long stored(long chat, String action) {
        return StoreProbe.count(
                server,
                "SELECT count(*) FROM admin_log WHERE chat_id = ? AND action = ?",
                chat,
                action);
    }

    @Test
    void theScheduledPurgeDeletesEntriesPast48HoursAndKeepsNewerOnes() {
        TestUser owner = server.newUser("owner");
        long chat = create(owner, ChatKind.SUPERGROUP, "Kept", "").getChat().getId();
        Chats.editChat(owner, EditChat.newBuilder().setChatId(chat).setTitle("Older")).join();
        clock.advance(Duration.ofHours(47));
        Chats.editChat(owner, EditChat.newBuilder().setChatId(chat).setAbout("newer")).join();
        assertThat(stored(chat, "edit_title")).as("47 hours old: still kept").isEqualTo(1);

        clock.advance(Duration.ofHours(2)); // the title's entry is 49 hours old, the about's 2
        awaitCondition(
                "the purge to delete the entry past 48 hours",
                () -> stored(chat, "edit_title") == 0);
        assertThat(stored(chat, "edit_about")).isEqualTo(1);
        assertThat(
                        call(
                                        owner,
                                        ClientFrame.newBuilder()
                                                .setGetAdminLog(
                                                        GetAdminLog.newBuilder().setChatId(chat)))
                                .join()
                                .getAdminLog()
                                .getEntriesList())
                .extracting(AdminLogEntry::getAction)
                .containsExactly("edit_about");
    }
}
