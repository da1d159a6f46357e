package org.chapar.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The security headers of every web client answer (the browser tests check them live too). */
class WebClientTest {
    @Test
    void cspAllowsOnlyThisOriginAndNoInlineScript() {
        String csp = WebClient.HEADERS.get("Content-Security-Policy");
        assertThat(csp).startsWith("default-src 'self';").contains("script-src 'self';");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "blob:", "*");
        // media falls back to default-src: signed file URLs are paths on this origin
        assertThat(csp).doesNotContain("media-src");
    }

    @Test
    void microphoneOnlyForThisOriginCameraAndLocationForNobody() {
        assertThat(WebClient.HEADERS.get("Permissions-Policy"))
                .isEqualTo("camera=(), microphone=(self), geolocation=()");
    }

    @Test
    void noFramingNoReferrer() {
        assertThat(WebClient.HEADERS)
                .containsEntry("X-Frame-Options", "DENY")
                .containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("Cross-Origin-Opener-Policy", "same-origin");
    }
}
