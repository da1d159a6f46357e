package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.Peers;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;
import org.chapar.protocol.User;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestClock;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.stream.LongStream;

/**
 * A stranger cannot list the accounts: naming a user by id needs the access hash of a User the
 * server showed the caller (or a private chat with them), and search needs a prefix and is rate
 * limited. "Not there" and "not yours" get the same answer.
 */
class EnumerationIT {
    private static final TestClock clock = TestClock.now();
    private static final int SEARCHES = 6;

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    config ->
                            config.withClock(clock)
                                    .withRateLimits(
                                            config.rateLimits()
                                                    .withSearchesPerUser(
                                                            new RateLimits.Rule(SEARCHES, 1))));

    private static Peer byIdOnly(TestUser u) {
        return Peers.user(u.id());
    }

    @Test
    void walkingTheIdSpaceFindsOnlyYourselfAndYourChats() {
        TestUser alice = server.newUser("alice");
        TestUser bob = server.newUser("bob");
        TestUser mallory = server.newUser("mallory");
        alice.client().sendMessage(mallory.peer(), "hello").join();

        List<Long> every = LongStream.rangeClosed(1, mallory.id() + 10).boxed().toList();
        assertThat(mallory.client().getUsers(every).join())
                .extracting(User::getId)
                .containsExactlyInAnyOrder(mallory.id(), alice.id())
                .doesNotContain(bob.id());

        // shown bob once, mallory may look him up again by his hash
        User shown = mallory.client().resolveUsername(bob.username()).join();
        assertThat(shown.getAccessHash()).isNotZero();
        assertThat(mallory.client().refreshUsers(List.of(shown)).join())
                .extracting(User::getId)
                .containsExactly(bob.id());
        User forged = shown.toBuilder().setAccessHash(shown.getAccessHash() ^ 1).build();
        assertThat(mallory.client().refreshUsers(List.of(forged)).join()).isEmpty();
    }

    @Test
    void aChatWithAStrangerNeedsTheirHashAndTheRefusalReadsLikeAMissingUser() {
        TestUser bob = server.newUser("bob");
        TestUser mallory = server.newUser("mallory");

        var notYours =
                assertFails(
                        mallory.client().sendMessage(byIdOnly(bob), "spam"),
                        ErrorCode.USER_NOT_FOUND);
        var notThere =
                assertFails(
                        mallory.client().sendMessage(Peers.user(1L << 40), "spam"),
                        ErrorCode.USER_NOT_FOUND);
        assertThat(notYours.getMessage()).isEqualTo(notThere.getMessage());
        assertFails(mallory.client().getHistory(byIdOnly(bob), 0, 10), ErrorCode.USER_NOT_FOUND);
        Peer forged = bob.peer().toBuilder().setAccessHash(bob.peer().getAccessHash() + 1).build();
        assertFails(mallory.client().sendMessage(forged, "spam"), ErrorCode.USER_NOT_FOUND);

        // with the hash from resolving @bob: a chat, without bob's presence until it exists
        User shown = mallory.client().resolveUsername(bob.username()).join();
        MessageList empty = mallory.client().getHistory(Peers.user(shown), 0, 10).join();
        assertThat(empty.getMessagesList()).isEmpty();
        assertThat(empty.getUsersList())
                .filteredOn(u -> u.getId() == bob.id())
                .singleElement()
                .satisfies(u -> assertThat(u.getStatus().getOnline()).isFalse());
        mallory.client().sendMessage(Peers.user(shown), "hi bob").join();
        // once the chat exists, either side names the other by id alone
        bob.client().sendMessage(byIdOnly(mallory), "hi mallory").join();
        assertThat(mallory.client().getHistory(byIdOnly(bob), 0, 10).join().getMessagesCount())
                .isEqualTo(2);
    }

    @Test
    void searchNeedsAPrefixOfThreeAndIsRateLimited() {
        TestUser searcher = server.newUser("searcher");
        TestUser target = server.newUser("quokka");
        assertFails(searcher.client().searchUsers("q", 10), ErrorCode.BAD_REQUEST);
        assertFails(searcher.client().searchUsers("@qu", 10), ErrorCode.BAD_REQUEST);
        for (int i = 0; i < SEARCHES; i++) {
            assertThat(searcher.client().searchUsers("quo", 10).join())
                    .extracting(User::getId)
                    .containsExactly(target.id());
        }
        var wait = assertFails(searcher.client().searchUsers("quo", 10), ErrorCode.FLOOD_WAIT);
        assertThat(wait.retryAfterMs()).isPositive();
        // another user's searches are their own
        assertThat(target.client().searchUsers("sea", 10).join())
                .extracting(User::getId)
                .contains(searcher.id());
    }
}
