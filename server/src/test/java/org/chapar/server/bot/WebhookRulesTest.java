package org.chapar.server.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

class WebhookRulesTest {
    private static final WebhookRules DEFAULTS = WebhookRules.defaults();

    private static void refused(WebhookRules rules, String url, String description) {
        assertThatThrownBy(() -> rules.resolve(rules.parse(url)))
                .as(url)
                .isInstanceOfSatisfying(
                        BotError.class,
                        e -> {
                            assertThat(e.code).isEqualTo(400);
                            assertThat(e.getMessage()).isEqualTo(description);
                        });
    }

    @Test
    void onlyHttpAndHttpsUrlsWithAHostAndNoCredentialsAreTaken() {
        assertThat(DEFAULTS.parse("https://example.org/hook").getHost()).isEqualTo("example.org");
        assertThat(DEFAULTS.parse("http://example.org:8080/x?y=1").getPort()).isEqualTo(8080);
        for (String bad :
                new String[] {
                    "ftp://example.org/",
                    "file:///etc/passwd",
                    "example.org/hook",
                    "https:///nohost",
                    "https://user:pw@example.org/",
                    "https://exa mple.org/",
                    "javascript:alert(1)"
                }) {
            assertThatThrownBy(() -> DEFAULTS.parse(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            BotError.class,
                            e ->
                                    assertThat(e.getMessage())
                                            .isEqualTo(
                                                    "Bad Request: invalid webhook URL specified"));
        }
    }

    @Test
    void addressesInsideTheOperatorsNetworkAreRefusedByDefaultAndAllowedWhenConfigured() {
        refused(
                DEFAULTS,
                "http://127.0.0.1:9/",
                "Bad Request: bad webhook: IP address 127.0.0.1 is reserved");
        refused(
                DEFAULTS,
                "http://10.1.2.3/",
                "Bad Request: bad webhook: IP address 10.1.2.3 is reserved");
        refused(
                DEFAULTS,
                "http://[::1]/",
                "Bad Request: bad webhook: IP address 0:0:0:0:0:0:0:1 is reserved");
        refused(
                DEFAULTS,
                "http://169.254.169.254/latest",
                "Bad Request: bad webhook: IP address 169.254.169.254 is reserved");
        refused(
                DEFAULTS,
                "http://100.64.0.1/",
                "Bad Request: bad webhook: IP address 100.64.0.1 is reserved");
        refused(
                DEFAULTS,
                "http://[fd00::1]/",
                "Bad Request: bad webhook: IP address fd00:0:0:0:0:0:0:1 is reserved");
        // a public address needs no DNS lookup and passes
        DEFAULTS.resolve(DEFAULTS.parse("https://93.184.215.14/hook"));

        DEFAULTS.withPrivateAddresses(true).resolve(URI.create("http://127.0.0.1:9/"));
        WebhookRules loopbackOnly =
                new WebhookRules(Set.of("127.0.0.1"), Set.of(), false, Duration.ofSeconds(5), 4);
        loopbackOnly.resolve(loopbackOnly.parse("http://127.0.0.1:9/"));
        refused(
                loopbackOnly,
                "https://93.184.215.14/",
                "Bad Request: bad webhook: host 93.184.215.14 is not allowed by this server");
    }

    @Test
    void deniedHostsAndTheirSubdomainsAreRefusedWhateverElseAllowsThem() {
        WebhookRules rules =
                new WebhookRules(
                        Set.of(), Set.of("Internal.Example"), true, Duration.ofSeconds(5), 4);
        for (String url :
                new String[] {"https://internal.example/", "https://a.b.internal.example/x"}) {
            assertThatThrownBy(() -> rules.parse(url))
                    .as(url)
                    .hasMessageEndingWith("is not allowed by this server");
        }
        assertThat(rules.parse("https://notinternal.example/").getHost())
                .isEqualTo("notinternal.example");
    }

    @Test
    void privateRangesAreTheOperatorsNetworkAndPublicOnesAreNot() throws Exception {
        for (String a :
                new String[] {"192.168.1.1", "172.16.0.1", "0.0.0.0", "224.0.0.1", "fe80::1"}) {
            assertThat(WebhookRules.isPrivate(InetAddress.getByName(a))).as(a).isTrue();
        }
        for (String a : new String[] {"8.8.8.8", "100.128.0.1", "172.32.0.1", "2001:db8::1"}) {
            assertThat(WebhookRules.isPrivate(InetAddress.getByName(a))).as(a).isFalse();
        }
    }

    @Test
    void aSecretTokenIsUpTo256OfTelegramsCharacters() {
        assertThat(WebhookMethods.requireSecret("")).isEmpty();
        assertThat(WebhookMethods.requireSecret("a-Z_09".repeat(42) + "abcd")).hasSize(256);
        assertThatThrownBy(() -> WebhookMethods.requireSecret("x".repeat(257)))
                .hasMessage("Bad Request: secret token is too long");
        for (String bad : new String[] {"with space", "semi;colon", "üml", "new\nline"}) {
            assertThatThrownBy(() -> WebhookMethods.requireSecret(bad))
                    .as(bad)
                    .hasMessage("Bad Request: secret token contains unallowed characters");
        }
    }
}
