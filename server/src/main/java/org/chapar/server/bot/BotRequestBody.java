package org.chapar.server.bot;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;

import org.chapar.server.gateway.HttpReply;
import org.chapar.server.gateway.HttpRoutes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The body of one Bot API request, read as it arrives. A multipart body is decoded chunk by chunk
 * off the event loop, its file parts spooled to disk (parts over 16 KB never sit in memory); any
 * other body (JSON, a form) is kept in memory up to {@link #MAX_SMALL} bytes. At the end the
 * parameters go to the method, and every spooled file is deleted once it answered.
 */
final class BotRequestBody implements HttpRoutes.Upload {
    static final int MAX_SMALL = 1 << 20;

    private final HttpRoutes.Call head;
    private final Executor disk;
    private final Function<BotParams, CompletableFuture<HttpReply>> handler;
    private final HttpPostRequestDecoder multipart;
    private final ByteArrayOutputStream small = new ByteArrayOutputStream();
    private final Map<String, BotUpload> files = new HashMap<>();
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private boolean tooLarge;
    private boolean malformed;

    BotRequestBody(
            HttpRoutes.Call head,
            Executor disk,
            Function<BotParams, CompletableFuture<HttpReply>> handler) {
        this.head = head;
        this.disk = disk;
        this.handler = handler;
        if (BotParams.mime(head).equals("multipart/form-data")) {
            HttpRequest request =
                    new DefaultHttpRequest(HttpVersion.HTTP_1_1, head.method(), head.uri());
            request.headers().set(head.headers());
            DefaultHttpDataFactory factory =
                    new DefaultHttpDataFactory(DefaultHttpDataFactory.MINSIZE);
            factory.setDeleteOnExit(false);
            this.multipart = decoder(factory, request);
        } else {
            this.multipart = null;
        }
    }

    private static HttpPostRequestDecoder decoder(
            DefaultHttpDataFactory factory, HttpRequest request) {
        try {
            return new HttpPostRequestDecoder(factory, request);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            return null; // a multipart type without a boundary: refused at the end
        }
    }

    @Override
    public CompletableFuture<Void> chunk(ByteBuf chunk) {
        if (!BotParams.mime(head).equals("multipart/form-data")) {
            if (small.size() + chunk.readableBytes() > MAX_SMALL) {
                tooLarge = true;
            } else {
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.getBytes(chunk.readerIndex(), bytes);
                small.writeBytes(bytes);
            }
            return CompletableFuture.completedFuture(null);
        }
        if (multipart == null || malformed) {
            return CompletableFuture.completedFuture(null);
        }
        // the decoder copies what it is offered, and writes file parts to disk as they arrive
        DefaultHttpContent content = new DefaultHttpContent(chunk);
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        multipart.offer(content);
                    } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
                        malformed = true;
                    }
                },
                disk);
    }

    @Override
    public CompletableFuture<HttpReply> end() {
        return CompletableFuture.supplyAsync(this::params, disk)
                .thenCompose(handler)
                .exceptionally(e -> BotApi.error(BotErrors.from(e)))
                .whenCompleteAsync((r, e) -> cleanUp(), disk);
    }

    private BotParams params() {
        if (tooLarge) {
            throw new BotError(413, "Request Entity Too Large", 0);
        }
        if (malformed
                || (multipart == null && BotParams.mime(head).equals("multipart/form-data"))) {
            throw BotError.badRequest("can't parse multipart/form-data request");
        }
        if (multipart == null) {
            return BotParams.parse(
                    new HttpRoutes.Call(
                            head.method(),
                            head.path(),
                            head.uri(),
                            head.headers(),
                            small.toByteArray()));
        }
        ObjectNode values = BotParams.query(head.uri());
        try {
            multipart.offer(LastHttpContent.EMPTY_LAST_CONTENT);
            for (InterfaceHttpData d : multipart.getBodyHttpDatas()) {
                if (d instanceof FileUpload f) {
                    Path spooled = Files.createTempFile("chapar-bot-", ".part");
                    files.put(
                            f.getName(),
                            new BotUpload(
                                    spooled, f.getFilename(), f.getContentType(), f.length()));
                    if (!f.renameTo(spooled.toFile())) {
                        throw new IOException("could not spool a file part");
                    }
                } else if (d instanceof Attribute a) {
                    values.put(a.getName(), a.getValue());
                }
            }
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw BotError.badRequest("can't parse multipart/form-data request");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return BotParams.of(values, files);
    }

    @Override
    public void abort() {
        disk.execute(this::cleanUp);
    }

    private void cleanUp() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        if (multipart != null) {
            multipart.destroy();
        }
        for (BotUpload u : files.values()) {
            try {
                Files.deleteIfExists(u.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
