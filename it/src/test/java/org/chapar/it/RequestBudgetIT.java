package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Login;
import org.chapar.protocol.Ping;
import org.chapar.protocol.Register;
import org.chapar.protocol.ServerFrame;
import org.chapar.server.ratelimit.RateLimits;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

/**
 * A session's requests count against the session and against its account, so five sessions of one
 * account get the account's budget, not five times a session's. The clock stands still.
 */
class RequestBudgetIT {
    private static final TestClock clock = TestClock.now();
    private static final int PER_SESSION = 40;
    private static final int PER_USER = 100;

    @RegisterExtension
    static final ChaparServerExtension server =
            ChaparServerExtension.create(
                    config ->
                            config.withClock(clock)
                                    .withRateLimits(
                                            config.rateLimits()
                                                    .withRequestsPerSession(
                                                            new RateLimits.Rule(PER_SESSION, 1))
                                                    .withRequestsPerUser(
                                                            new RateLimits.Rule(PER_USER, 1))));

    private static final String PASSWORD = "long-enough-pw";

    private static List<RawConnection> sessions(String username, int n) {
        List<RawConnection> out = new ArrayList<>();
        RawConnection first = server.track(RawConnection.open(server.uri()));
        assertThat(
                        first.call(
                                        ClientFrame.newBuilder()
                                                .setRegister(
                                                        Register.newBuilder()
                                                                .setUsername(username)
                                                                .setPassword(PASSWORD)))
                                .hasAuthorization())
                .isTrue();
        out.add(first);
        while (out.size() < n) {
            RawConnection c = server.track(RawConnection.open(server.uri()));
            ServerFrame f =
                    c.call(
                            ClientFrame.newBuilder()
                                    .setLogin(
                                            Login.newBuilder()
                                                    .setUsername(username)
                                                    .setPassword(PASSWORD)));
            assertThat(f.hasAuthorization()).as("%s", f).isTrue();
            out.add(c);
        }
        return out;
    }

    /** Pings on each session until it is told to wait; the number answered in all. */
    private static int pingUntilRefused(List<RawConnection> sessions) {
        int answered = 0;
        for (RawConnection c : sessions) {
            for (int i = 0; i <= PER_SESSION; i++) {
                ServerFrame f = c.call(ClientFrame.newBuilder().setPing(Ping.newBuilder()));
                if (f.hasError()) {
                    assertThat(f.getError().getCode()).isEqualTo(ErrorCode.FLOOD_WAIT);
                    break;
                }
                answered++;
            }
        }
        return answered;
    }

    @Test
    void moreSessionsDoNotMultiplyAnAccountsBudget() {
        assertThat(pingUntilRefused(sessions("many_sessions", 5))).isEqualTo(PER_USER);
    }

    @Test
    void oneSessionGetsItsOwnBudgetAndOtherAccountsAreUntouched() {
        List<RawConnection> flooder = sessions("flooder_1", 3);
        pingUntilRefused(flooder);
        assertThat(pingUntilRefused(sessions("bystander_1", 1))).isEqualTo(PER_SESSION);
    }
}
