package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.protocol.ErrorCode;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Floods get FLOOD_WAIT with a retry-after, and only the flooder is slowed. */
class FloodIT {
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    config ->
                            config.withRateLimits(
                                    config.rateLimits()
                                            .withSendsPerUser(new RateLimits.Rule(5, 60))));

    @Test
    void theSixthQuickSendIsRefusedWithARetryAfterAndOthersAreUnaffected() {
        TestUser flooder = server.newUser("flooder");
        TestUser bob = server.newUser("bob");
        TestUser carol = server.newUser("carol");
        for (int i = 0; i < 5; i++) {
            flooder.client().sendMessage(bob.peer(), "m" + i).join();
        }
        var e =
                assertFails(
                        flooder.client().sendMessage(bob.peer(), "one too many"),
                        ErrorCode.FLOOD_WAIT);
        assertThat(e.retryAfterMs()).isBetween(1L, 1_000L);

        assertThat(
                        carol.client()
                                .sendMessage(bob.peer(), "carol is fine")
                                .join()
                                .getMessage()
                                .getText())
                .isEqualTo("carol is fine");
    }
}
