package org.chapar.bench.jmh;

import com.google.protobuf.InvalidProtocolBufferException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.PooledByteBufAllocator;

import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.Message;
import org.chapar.protocol.NewMessage;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Update;
import org.chapar.protocol.Updates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The frames of the direct-message path: the client's SendMessage and the pushed Updates with one
 * NewMessage, encoded and decoded the way the gateway does it (protobuf into and out of pooled
 * Netty buffers) and, for comparison, through byte arrays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {
    @Param({"64", "1024"})
    int textLength;

    private ClientFrame send;
    private ServerFrame push;
    private byte[] sendBytes;
    private byte[] pushBytes;
    private ByteBuf pushBuf;

    @Setup
    public void setUp() {
        String text = "x".repeat(textLength);
        send =
                ClientFrame.newBuilder()
                        .setId(42)
                        .setSendMessage(
                                SendMessage.newBuilder()
                                        .setPeer(Peer.newBuilder().setUserId(123_456))
                                        .setText(text)
                                        .setRandomId(0x1234_5678_9abc_def0L))
                        .build();
        Message m =
                Message.newBuilder()
                        .setPeer(Peer.newBuilder().setUserId(654_321))
                        .setId(99_999)
                        .setFromId(654_321)
                        .setDate(1_790_000_000L)
                        .setText(text)
                        .build();
        push =
                ServerFrame.newBuilder()
                        .setUpdates(
                                Updates.newBuilder()
                                        .setDate(1_790_000_000L)
                                        .addUpdates(
                                                Update.newBuilder()
                                                        .setPts(1_000_001)
                                                        .setPtsCount(1)
                                                        .setNewMessage(
                                                                NewMessage.newBuilder()
                                                                        .setMessage(m))))
                        .build();
        sendBytes = send.toByteArray();
        pushBytes = push.toByteArray();
        pushBuf =
                PooledByteBufAllocator.DEFAULT.directBuffer(pushBytes.length).writeBytes(pushBytes);
    }

    @Benchmark
    public byte[] encodeSendMessageToArray() {
        return send.toByteArray();
    }

    @Benchmark
    public ClientFrame decodeSendMessageFromArray() throws InvalidProtocolBufferException {
        return ClientFrame.parseFrom(sendBytes);
    }

    @Benchmark
    public int encodePushIntoPooledBuffer() throws IOException {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.ioBuffer(push.getSerializedSize());
        try {
            push.writeTo(new ByteBufOutputStream(buf));
            return buf.readableBytes();
        } finally {
            buf.release();
        }
    }

    @Benchmark
    public ServerFrame decodePushFromBuffer() throws IOException {
        return ServerFrame.parseFrom(pushBuf.nioBuffer());
    }

    @Benchmark
    public ServerFrame buildAndEncodePush() {
        ServerFrame f = ServerFrame.newBuilder().setUpdates(push.getUpdates()).build();
        f.toByteArray();
        return f;
    }
}
