package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertError;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Ping;
import org.chapar.protocol.ServerFrame;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests before login are limited per address; logged-in sessions have their own buckets. */
class PreLoginFloodIT {
    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    config ->
                            config.withRateLimits(
                                    config.rateLimits()
                                            .withRequestsBeforeLogin(new RateLimits.Rule(20, 60))));

    private static ClientFrame.Builder ping() {
        return ClientFrame.newBuilder().setPing(Ping.newBuilder().setPayload(1));
    }

    @Test
    void anAddressFloodingBeforeLoginIsToldToWaitWhileLoggedInSessionsGoOn() {
        TestUser alice = server.newUser("alice"); // uses a few of the address's pre-login requests
        RawConnection anonymous = server.track(RawConnection.open(server.uri()));
        ServerFrame last = null;
        for (int i = 0; i < 25 && (last == null || !last.hasError()); i++) {
            last = anonymous.call(ping());
        }
        assertError(last, ErrorCode.FLOOD_WAIT);
        assertThat(last.getError().getRetryAfterMs()).isPositive();

        assertThat(alice.client().getMe().join().getId()).isEqualTo(alice.id());
    }
}
