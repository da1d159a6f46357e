package org.chapar.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The ClientHello parser reads what a real client (the JDK's) sends, and survives what it is not.
 */
class ClientHelloTest {

    /**
     * The handshake body of the JDK client's first flight, after the record and message headers.
     */
    private static ByteBuf jdkClientHello(Optional<String> sni, String... protocols)
            throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("peer.example", 443);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setServerNames(
                sni.<List<SNIServerName>>map(n -> List.of(new SNIHostName(n))).orElse(List.of()));
        p.setApplicationProtocols(protocols);
        engine.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        ByteBuf record = Unpooled.wrappedBuffer(out);
        assertThat(record.getUnsignedByte(0)).as("a handshake record").isEqualTo((short) 22);
        assertThat(record.getUnsignedByte(5)).as("a ClientHello").isEqualTo((short) 1);
        return record.slice(9, record.readableBytes() - 9);
    }

    @Test
    void theServerNameAndTheOfferedProtocolsAreRead() throws Exception {
        ClientHello hello =
                ClientHello.parse(
                        jdkClientHello(Optional.of("Chat.Example"), "acme-tls/1", "http/1.1"));
        assertThat(hello.serverName()).contains("chat.example");
        assertThat(hello.protocols()).containsExactly("acme-tls/1", "http/1.1");
    }

    @Test
    void aHelloWithoutServerNameOrAlpnOffersNothing() throws Exception {
        ClientHello hello = ClientHello.parse(jdkClientHello(Optional.empty()));
        assertThat(hello.serverName()).isEmpty();
        assertThat(hello.protocols()).isEmpty();
    }

    @Test
    void aTruncatedOrGarbledHelloOffersNothing() throws Exception {
        ByteBuf full = jdkClientHello(Optional.of("chat.example"), "acme-tls/1");
        for (int length : new int[] {0, 10, 40, full.readableBytes() / 2}) {
            ClientHello cut = ClientHello.parse(full.slice(0, length));
            assertThat(cut.protocols()).as("cut at %d", length).isEmpty();
        }
        ByteBuf garbled = Unpooled.buffer().writeBytes(new byte[34]).writeByte(200);
        assertThat(ClientHello.parse(garbled))
                .isEqualTo(new ClientHello(Optional.empty(), List.of()));
    }
}
