import org.chapar.server.message.MessageRecord;
import org.chapar.server.message.SentRef;
import org.chapar.server.store.StoreTx;
import org.chapar.server.store.sqlite.SqliteStore;
import org.chapar.server.sync.BoxEvent;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The store's side of a private send, alone: the statements PrivateChats.send runs (idempotency
 * lookup, message id, message, two box events, two dialogs, the random_id record), submitted in
 * rounds of BATCH writes over PAIRS private chats, on SQLite with synchronous=FULL.
 * Prints the writer thread's CPU and the wall time per message, over the measured rounds.
 *   java -cp chapar.jar StoreBench.java [pairs] [batch] [warmupMsgs] [msgs]
 */
public class StoreBench {
    public static void main(String[] a) throws Exception {
        int pairs = a.length > 0 ? Integer.parseInt(a[0]) : 500;
        int batch = a.length > 1 ? Integer.parseInt(a[1]) : 128;
        int warm = a.length > 2 ? Integer.parseInt(a[2]) : 50_000;
        int msgs = a.length > 3 ? Integer.parseInt(a[3]) : 100_000;
        Path dir = Files.createTempDirectory("storebench");
        SqliteStore store = SqliteStore.open(dir, 2, true, 100_000);
        long now = System.currentTimeMillis() / 1000;
        long[] users = new long[2 * pairs];
        for (int i = 0; i < users.length; i++) {
            String n = "u" + i;
            users[i] = store.write(tx -> tx.accounts().create(n, n, "$h", now)).join();
        }
        long[] chats = new long[pairs];
        for (int p = 0; p < pairs; p++) {
            int q = p;
            chats[p] = store.write(tx -> tx.chats().privateChat(users[2 * q], users[2 * q + 1], now)).join();
        }
        Thread writer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sqlite-writer")).findFirst().orElseThrow();
        var mx = ManagementFactory.getThreadMXBean();
        Random rnd = new Random(42);
        String text = "x".repeat(64);
        run(store, rnd, users, chats, batch, warm, text);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long proc0 = os.getProcessCpuTime();
        long io0 = writeBytes();
        long cpu0 = mx.getThreadCpuTime(writer.threadId());
        long t0 = System.nanoTime();
        run(store, rnd, users, chats, batch, msgs, text);
        long wall = System.nanoTime() - t0;
        long cpu = mx.getThreadCpuTime(writer.threadId()) - cpu0;
        long io = writeBytes() - io0;
        long proc = os.getProcessCpuTime() - proc0;
        Path wal = dir.resolve("chapar.db-wal");
        long walBytes = Files.exists(wal) ? Files.size(wal) : 0;
        store.close();
        long bytes = Files.size(dir.resolve("chapar.db"));
        System.out.printf("pairs=%d batch=%d msgs=%d writer_cpu_us/msg=%.1f wall_us/msg=%.1f rate=%.0f written_KB/msg=%.1f process_cpu_us/msg=%.1f wal_MB=%d db_MB=%d%n",
                pairs, batch, msgs, cpu / 1e3 / msgs, wall / 1e3 / msgs, msgs * 1e9 / wall, io / 1024.0 / msgs, proc / 1e3 / msgs, walBytes >> 20, bytes >> 20);
    }

    static long writeBytes() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("write_bytes:")) {
                return Long.parseLong(line.substring(12).trim());
            }
        }
        return 0;
    }

    static void run(SqliteStore store, Random rnd, long[] users, long[] chats, int batch, int total, String text) {
        List<CompletableFuture<Long>> previous = List.of();
        for (int done = 0; done < total; done += batch) {
            List<CompletableFuture<Long>> round = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                int p = rnd.nextInt(chats.length);
                boolean flip = rnd.nextBoolean();
                long me = users[2 * p + (flip ? 1 : 0)];
                long peer = users[2 * p + (flip ? 0 : 1)];
                long rid = rnd.nextLong();
                long chatId = chats[p];
                round.add(store.write(tx -> send(tx, me, peer, chatId, rid, text)));
            }
            // one round queued while the one before it commits, as under load
            previous.forEach(CompletableFuture::join);
            previous = round;
        }
        previous.forEach(CompletableFuture::join);
    }

    static long send(StoreTx tx, long me, long peer, long chatId, long rid, String text) {
        long now = System.currentTimeMillis() / 1000;
        tx.chats().privateChat(me, peer, now);
        if (tx.messages().findSent(me, rid).isPresent()) {
            throw new IllegalStateException("random_id seen");
        }
        long id = tx.chats().nextMessageId(chatId);
        tx.messages().insert(MessageRecord.posted(chatId, id, me, now, text, 0));
        BoxEvent e = BoxEvent.message(BoxEvent.Kind.NEW_MESSAGE, chatId, id, now);
        long myPts = tx.boxes().append(me, e);
        tx.dialogs().onNewMessage(me, chatId, peer, id, now, 0, 1);
        tx.boxes().append(peer, e);
        tx.dialogs().onNewMessage(peer, chatId, me, id, now, 1, 0);
        tx.messages().recordSent(me, rid, new SentRef(chatId, id, myPts));
        return id;
    }
}
