package org.chapar.bench.driver.xmpp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits an XMPP stream into strings: the stream header (emitted as soon as it is open), then each
 * top-level stanza, then the closing {@code </stream:stream>}. It only tracks tag nesting and
 * quoted attribute values, which is all framing needs; stanzas are read with plain string searches
 * by the client, because the server under test is trusted and the grammar is tiny.
 */
final class XmppFramer extends ByteToMessageDecoder {
    private int depth;
    private int scanned; // bytes after readerIndex already scanned
    private int tagStart = -1; // relative to readerIndex
    private int stanzaStart = -1;
    private boolean inTag;
    private byte quote;

    /** A new stream starts on the same connection (after SASL success). */
    void restart() {
        depth = 0;
        tagStart = -1;
        stanzaStart = -1;
        inTag = false;
        quote = 0;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int base = in.readerIndex();
        for (int i = base + scanned; i < in.writerIndex(); i++) {
            byte b = in.getByte(i);
            if (!inTag) {
                if (b == '<') {
                    inTag = true;
                    tagStart = i - base;
                    if (depth == 1 && stanzaStart < 0) stanzaStart = i - base;
                }
                continue;
            }
            if (quote != 0) {
                if (b == quote) quote = 0;
                continue;
            }
            if (b == '"' || b == '\'') {
                quote = b;
                continue;
            }
            if (b != '>') continue;
            inTag = false;
            byte first = in.getByte(base + tagStart + 1);
            if (first == '?' || first == '!') continue;
            if (first == '/') {
                depth--;
                if (depth <= 1) {
                    int from = depth == 1 ? stanzaStart : tagStart;
                    emit(in, base, from, i, out);
                    base = in.readerIndex();
                    i = base - 1;
                    continue;
                }
            } else if (in.getByte(i - 1) == '/') {
                if (depth == 1) {
                    emit(in, base, stanzaStart, i, out);
                    base = in.readerIndex();
                    i = base - 1;
                    continue;
                }
            } else {
                depth++;
                if (depth == 1) {
                    emit(in, base, 0, i, out); // the stream header, with any XML declaration
                    base = in.readerIndex();
                    i = base - 1;
                    continue;
                }
            }
        }
        scanned = in.writerIndex() - in.readerIndex();
    }

    private void emit(ByteBuf in, int base, int from, int endInclusive, List<Object> out) {
        in.readerIndex(base + from);
        out.add(
                in.readCharSequence(endInclusive - (base + from) + 1, StandardCharsets.UTF_8)
                        .toString());
        stanzaStart = -1;
        tagStart = -1;
        scanned = 0;
    }
}
