package org.chapar.bench.driver.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

class XmppFramerTest {
    private final XmppFramer framer = new XmppFramer();
    private final EmbeddedChannel channel = new EmbeddedChannel(framer);

    @Test
    void emitsTheStreamHeaderAtOnceThenEachStanza() {
        List<String> out =
                feed(
                        "<?xml version='1.0'?><stream:stream xmlns='jabber:client' id='1'>",
                        "<stream:features><mechanisms><mechanism>PLAIN</mechanism></mechanisms></stream:features>",
                        " <success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        assertThat(out)
                .containsExactly(
                        "<?xml version='1.0'?><stream:stream xmlns='jabber:client' id='1'>",
                        "<stream:features><mechanisms><mechanism>PLAIN</mechanism></mechanisms></stream:features>",
                        "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    }

    @Test
    void reassemblesAStanzaSplitAcrossReadsAndSplitsStanzasInOneRead() {
        feed("<stream:stream>");
        List<String> out =
                feed(
                        "<message to='a@b' type='chat'><bo",
                        "dy>12 34</body></message><iq id='x' type='result'/>");
        assertThat(out)
                .containsExactly(
                        "<message to='a@b' type='chat'><body>12 34</body></message>",
                        "<iq id='x' type='result'/>");
    }

    @Test
    void aQuotedGreaterThanOrSlashInsideAnAttributeDoesNotEndTheTag() {
        feed("<stream:stream>");
        List<String> out = feed("<presence from='room@muc/a>b/' id='p1'><x/></presence>");
        assertThat(out).containsExactly("<presence from='room@muc/a>b/' id='p1'><x/></presence>");
    }

    @Test
    void aRestartedStreamIsFramedFromItsNewHeader() {
        feed("<stream:stream>", "<success/>");
        framer.restart();
        assertThat(feed("<stream:stream id='2'>", "<stream:features/>"))
                .containsExactly("<stream:stream id='2'>", "<stream:features/>");
    }

    @Test
    void theClosingStreamTagIsEmitted() {
        feed("<stream:stream>");
        assertThat(feed("</stream:stream>")).containsExactly("</stream:stream>");
    }

    @Test
    void escapingRoundTrips() {
        String text = "a<b>&\"c'";
        assertThat(Xml.unescape(Xml.escape(text))).isEqualTo(text);
        assertThat(Xml.element("<message><body>1 &amp; 2</body></message>", "body"))
                .isEqualTo("1 & 2");
        assertThat(Xml.attribute("<iq type='result' id='q7'><x id='no'/></iq>", "id"))
                .isEqualTo("q7");
    }

    private List<String> feed(String... chunks) {
        for (String c : chunks)
            channel.writeInbound(Unpooled.copiedBuffer(c, StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) out.add((String) o);
        return out;
    }
}
