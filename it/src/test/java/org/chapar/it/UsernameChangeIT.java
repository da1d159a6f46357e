package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChatRequests;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.User;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/**
 * A user changes their @username as on Telegram: the new name is theirs at once (resolving, logging
 * in, what others are shown), the old one is free for anybody, and a name that another user or a
 * chat holds, or one that reads like it, is refused without changing anything.
 */
class UsernameChangeIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static final String PASSWORD = "long-enough-pw";

    private static ChaparClient anonymous() {
        ChaparClient c = server.client();
        c.connect().join();
        return c;
    }

    @Test
    void aRenameTakesTheNewNameEverywhereAndFreesTheOldOne() {
        TestUser alice = server.newUser("rename");
        TestUser bob = server.newUser("watcher");
        String old = alice.username();
        String fresh = "now_" + old;
        bob.client().sendMessage(alice.peer(), "hi").join(); // a chat partner: may name her by id

        User me = alice.client().updateProfile(null, "@" + fresh).join();

        assertThat(me.getUsername()).isEqualTo(fresh);
        assertThat(me.getDisplayName()).isEqualTo(alice.user().getDisplayName());
        assertThat(bob.client().resolveUsername(fresh.toUpperCase()).join().getId())
                .isEqualTo(alice.id());
        assertFails(bob.client().resolveUsername(old), ErrorCode.USER_NOT_FOUND);
        assertThat(bob.client().getUsers(List.of(alice.id())).join().getFirst().getUsername())
                .isEqualTo(fresh);
        assertThat(anonymous().login(fresh, alice.password(), "d").join().getUser().getId())
                .isEqualTo(alice.id());
        assertFails(anonymous().login(old, alice.password(), "d"), ErrorCode.INVALID_CREDENTIALS);
        // the old name is anybody's now
        assertThat(anonymous().register(old, PASSWORD, null, "x").join().getUser().getUsername())
                .isEqualTo(old);
    }

    @Test
    void theNameOfAUserOrAChannelOrALookAlikeIsRefusedAndNothingChanges() {
        TestUser carol = server.newUser("carolx");
        TestUser taken = server.newUser("holder");
        new ChatRequests(taken.client())
                .createChat(ChatKind.CHANNEL, "Desk", "desk_" + taken.id() % 100000, List.of())
                .join();
        String channelName = "desk_" + taken.id() % 100000;
        String lookAlike = taken.username().replace('l', 'I').replace('o', '0');

        for (String refused : List.of(taken.username().toUpperCase(), channelName, lookAlike)) {
            assertFails(carol.client().updateProfile("Renamed", refused), ErrorCode.USERNAME_TAKEN);
        }
        assertFails(carol.client().updateProfile("Renamed", "no"), ErrorCode.USERNAME_INVALID);
        assertFails(
                carol.client().updateProfile("Renamed", "has space"), ErrorCode.USERNAME_INVALID);

        // one write: the display name sent beside a refused username did not change either
        User now = carol.client().getMe().join();
        assertThat(now.getUsername()).isEqualTo(carol.username());
        assertThat(now.getDisplayName()).isEqualTo(carol.user().getDisplayName());
        assertThat(taken.client().resolveUsername(taken.username()).join().getId())
                .isEqualTo(taken.id());
    }

    @Test
    void eachFieldChangesAloneAndTheOwnNameMayChangeItsCase() {
        TestUser dave = server.newUser("davey");

        User named = dave.client().updateProfile("Dave D", null).join();
        assertThat(named.getUsername()).isEqualTo(dave.username());
        assertThat(named.getDisplayName()).isEqualTo("Dave D");

        String upper = dave.username().toUpperCase();
        User recased = dave.client().updateProfile(null, upper).join();
        assertThat(recased.getUsername()).isEqualTo(upper);
        assertThat(recased.getDisplayName()).isEqualTo("Dave D");
        assertFails(dave.client().updateProfile("", null), ErrorCode.BAD_REQUEST);
    }
}
