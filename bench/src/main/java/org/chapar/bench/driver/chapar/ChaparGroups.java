package org.chapar.bench.driver.chapar;

import org.chapar.bench.driver.Account;
import org.chapar.bench.driver.BenchClient;
import org.chapar.bench.driver.Groups;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.CreateChat;
import org.chapar.protocol.InputUser;
import org.chapar.protocol.JoinChat;
import org.chapar.protocol.Peer;
import org.chapar.protocol.SendMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chapar's shared chats of one kind. A {@code GROUP} is created with its members (up to 199 besides
 * the creator), whose common boxes then get its posts, so {@link #join} has nothing to do; a {@code
 * SUPERGROUP} or {@code CHANNEL} is created public (a username) and members join it by id on their
 * own connection, after which that connection gets its live posts. The address is the chat id in
 * decimal.
 */
public final class ChaparGroups implements Groups {
    private static final AtomicLong NAMES = new AtomicLong();
    private final ChatKind kind;

    public ChaparGroups(ChatKind kind) {
        this.kind = kind;
    }

    public ChatKind kind() {
        return kind;
    }

    @Override
    public CompletableFuture<String> create(BenchClient owner, String name, List<Account> members) {
        CreateChat.Builder create = CreateChat.newBuilder().setKind(kind).setTitle(name);
        if (kind == ChatKind.GROUP) {
            for (Account m : members)
                if (m.id() != owner.account().id())
                    create.addMembers(
                            InputUser.newBuilder().setUserId(m.id()).setAccessHash(m.accessHash()));
        } else {
            // public, so that anyone joins by id: [a-z0-9_], 5-32 characters, unique
            String u =
                    "bench_"
                            + Long.toString(System.currentTimeMillis(), 36)
                            + "_"
                            + Long.toString(NAMES.incrementAndGet(), 36)
                            + Integer.toString(ThreadLocalRandom.current().nextInt(1296), 36);
            create.setUsername(u.length() > 32 ? u.substring(0, 32) : u);
        }
        ChaparClient c = (ChaparClient) owner;
        return ChaparDriver.retryFloodWait(
                        () -> c.call(ClientFrame.newBuilder().setCreateChat(create)), 0)
                .thenApply(f -> Long.toString(f.getChatInfo().getChat().getId()));
    }

    @Override
    public CompletableFuture<Void> join(BenchClient member, String group) {
        if (kind == ChatKind.GROUP) return CompletableFuture.completedFuture(null);
        ChaparClient c = (ChaparClient) member;
        return ChaparDriver.retryFloodWait(
                        () ->
                                c.call(
                                        ClientFrame.newBuilder()
                                                .setJoinChat(
                                                        JoinChat.newBuilder()
                                                                .setChatId(Long.parseLong(group)))),
                        0)
                .thenApply(f -> null);
    }

    @Override
    public CompletableFuture<Void> post(BenchClient sender, String group, String text) {
        return ((ChaparClient) sender)
                .call(
                        ClientFrame.newBuilder()
                                .setSendMessage(
                                        SendMessage.newBuilder()
                                                .setPeer(
                                                        Peer.newBuilder()
                                                                .setChatId(Long.parseLong(group)))
                                                .setText(text)
                                                .setRandomId(
                                                        ThreadLocalRandom.current().nextLong())))
                .thenApply(f -> null);
    }
}
