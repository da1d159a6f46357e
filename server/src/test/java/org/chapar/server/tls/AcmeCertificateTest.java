package org.chapar.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Instant;
import java.util.List;

class AcmeCertificateTest {
    private static final Instant T = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void aKeptCertificateServesOnlyIfItNamesEveryDomainAskedFor() throws Exception {
        PemCredentials c = SelfSigned.create(List.of("chat.example", "www.chat.example"), T);
        assertThat(AcmeCertificate.covers(c.leaf(), List.of("chat.example"))).isTrue();
        assertThat(AcmeCertificate.covers(c.leaf(), List.of("CHAT.example", "www.chat.example")))
                .isTrue();
        assertThat(AcmeCertificate.covers(c.leaf(), List.of("chat.example", "other.example")))
                .isFalse();
    }

    @Test
    void aFailureIsDescribedWithWhatLiesUnderIt() {
        Exception refused =
                new Exception(
                        "Network error",
                        new ConnectException(null).initCause(new ClosedChannelException()));
        assertThat(AcmeCertificate.describe(refused))
                .isEqualTo(
                        "Network error: cannot connect to the ACME directory"
                                + " (ConnectException / ClosedChannelException)");
        assertThat(AcmeCertificate.describe(new Exception("rate limited")))
                .isEqualTo("rate limited");
    }
}
