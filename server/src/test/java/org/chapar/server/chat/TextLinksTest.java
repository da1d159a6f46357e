package org.chapar.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextLinksTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                // schemes
                "see http://evil.example",
                "https://evil.example/path?q=1",
                "HTTPS://EVIL.EXAMPLE",
                "ftp://files.example/x",
                "ws://socket.example",
                "sftp://host.example",
                "git+ssh://host.example/repo",
                "custom-app://open",
                "3d://model",
                "http:\\\\evil.example",
                "http:/evil.example",
                "http:evil.example",
                "mailto:someone@example.org",
                "tg:resolve?domain=x",
                "chapar:join/abc123",
                "javascript:alert(1)",
                "magnet:?xt=urn:btih:abc",
                "(http://evil.example)",
                "click:http://evil.example",
                // www.
                "www.evil.example",
                "go to WWW.Evil.Example now",
                "www2.evil.example",
                // scheme-less domains with a path, port, query or fragment
                "evil.example/x",
                "evil.example/",
                "sub.evil.example/x/y",
                "evil.example:8080",
                "evil.example?q=1",
                "evil.example#top",
                "evil.example./x",
                "...evil.example/x",
                "пример.испытание/путь",
                "xn--e1afmkfd.xn--80akhbyknj4f/x",
                "1.2.3.4/admin",
                "10.0.0.1:8080",
                "a_b.example/x",
                // bare domains under common top-level domains
                "evil.com",
                "visit evil.com.",
                "bob@evil.com",
                "shop.evil.co",
                "пример.рф",
                "EVIL.COM",
                // disguises: full-width, zero-width and format characters, ideographic dots
                "ｈｔｔｐ://evil.example",
                "ｈｔｔｐｓ：／／evil.example",
                "http\u200B://evil.example",
                "h\u200Ct\u200Dt\uFEFFp://evil.example",
                "http\u00AD://evil.example",
                "http\u2060://evil.example",
                "http\u034F://evil.example",
                "http\u202E://evil.example",
                "ｗｗｗ．evil．example",
                "evil\u3002com",
                "evil\uFF61com",
                "evil\uFF0Ecom",
                "e\u200Bvil.c\u200Bom",
                "һttр://evil.example",
                "h\u0336ttp://evil.example",
                "ｅｖｉｌ．ｅｘａｍｐｌｅ／ｘ",
                "evil.example\uFF0Fx",
            })
    void findsLinks(String text) {
        assertThat(TextLinks.find(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hello world",
                "e.g. this one",
                "i.e., that one",
                "version 3.5 is out",
                "3.5/4 stars",
                "pi is 3.14159",
                "1.2.3.4",
                "release 10.2.1",
                "U.S.A. and U.K.",
                "Ph.D. thesis",
                "a.m. or p.m.",
                "Mr.Smith arrived",
                "open notes.txt and readme.md",
                "Node.js and Vue.js",
                "index.html",
                "and/or",
                "50 km/h",
                "meet at 10:30",
                "ratio 1:2",
                "Note: bring food",
                "re: your message",
                "hotel:5 stars",
                "metadata:none",
                "http is a protocol",
                "http: the protocol",
                "the www is big",
                "smile :// or not",
                "wait...what",
                "end.Next sentence",
                "evil[.]example",
                "evil . com",
                "@username",
                "سلام دنیا",
                "日本語のテキスト。次の文",
                "C:\\Users\\me",
                "",
            })
    void leavesOrdinaryTextAlone(String text) {
        assertThat(TextLinks.find(text)).as(text).isFalse();
    }

    @Test
    void aLongTextOfDotsAndLettersIsReadWithoutOverflowingTheStack() {
        assertThat(TextLinks.find("a.".repeat(2048))).isFalse();
        assertThat(TextLinks.find("a.".repeat(2047) + "com")).isTrue();
        assertThat(TextLinks.find("1.".repeat(2048))).isFalse();
        assertThat(TextLinks.find("x".repeat(4096))).isFalse();
        assertThat(TextLinks.find("a-".repeat(2048) + "://")).isTrue();
    }

    @Test
    void readsTextTheWayALinkReaderDoes() {
        assertThat(TextLinks.readable("ＨＴＴＰ\u200B：／／Evil\u3002Example"))
                .isEqualTo("http://evil.example");
    }
}
