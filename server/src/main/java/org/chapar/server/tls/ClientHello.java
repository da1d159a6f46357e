package org.chapar.server.tls;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two things a TLS ClientHello says that pick a TLS-ALPN-01 challenge certificate: the server
 * name (SNI, RFC 6066) and the ALPN protocols offered (RFC 7301). Parsed from the handshake body
 * (after its 4-byte header) as Netty's {@code SslClientHelloHandler} hands it over; a malformed one
 * reads as offering nothing, and then gets the normal certificate, whose handshake fails as it
 * would have anyway.
 */
record ClientHello(Optional<String> serverName, List<String> protocols) {
    private static final int SERVER_NAME = 0;
    private static final int ALPN = 16;
    private static final ClientHello NOTHING = new ClientHello(Optional.empty(), List.of());

    ClientHello {
        protocols = List.copyOf(protocols);
    }

    static ClientHello parse(ByteBuf body) {
        try {
            return read(body, body.readerIndex(), body.writerIndex());
        } catch (IndexOutOfBoundsException e) {
            return NOTHING;
        }
    }

    private static ClientHello read(ByteBuf in, int at, int end) {
        at += 34; // client_version, random
        at += 1 + in.getUnsignedByte(at); // session_id
        at += 2 + in.getUnsignedShort(at); // cipher_suites
        at += 1 + in.getUnsignedByte(at); // compression_methods
        if (at + 2 > end) {
            return NOTHING; // no extensions at all
        }
        int extensionsEnd = Math.min(end, at + 2 + in.getUnsignedShort(at));
        at += 2;
        Optional<String> name = Optional.empty();
        List<String> protocols = new ArrayList<>();
        while (at + 4 <= extensionsEnd) {
            int type = in.getUnsignedShort(at);
            int length = in.getUnsignedShort(at + 2);
            int data = at + 4;
            checkWithin(data + length, extensionsEnd);
            if (type == SERVER_NAME) {
                name = hostName(in, data);
            } else if (type == ALPN) {
                int listEnd = data + 2 + in.getUnsignedShort(data);
                checkWithin(listEnd, data + length);
                for (int p = data + 2; p < listEnd; p += 1 + in.getUnsignedByte(p)) {
                    int n = in.getUnsignedByte(p);
                    checkWithin(p + 1 + n, listEnd);
                    protocols.add(in.toString(p + 1, n, StandardCharsets.US_ASCII));
                }
            }
            at = data + length;
        }
        return new ClientHello(name, protocols);
    }

    /** The first host_name entry of a server_name list. */
    private static Optional<String> hostName(ByteBuf in, int data) {
        int listEnd = data + 2 + in.getUnsignedShort(data);
        for (int p = data + 2; p + 3 <= listEnd; ) {
            int type = in.getUnsignedByte(p);
            int n = in.getUnsignedShort(p + 1);
            checkWithin(p + 3 + n, listEnd);
            if (type == 0) {
                return Optional.of(
                        in.toString(p + 3, n, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
            }
            p += 3 + n;
        }
        return Optional.empty();
    }

    private static void checkWithin(int index, int end) {
        if (index > end) {
            throw new IndexOutOfBoundsException(index);
        }
    }
}
