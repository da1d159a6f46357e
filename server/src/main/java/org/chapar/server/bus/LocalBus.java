package org.chapar.server.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** The bus of a single node: a publish calls the subscribers of the topic directly, in order. */
public final class LocalBus implements Bus {
    private final Map<String, List<Consumer<byte[]>>> topics = new ConcurrentHashMap<>();
    private final LongAdder published = new LongAdder();
    private final LongAdder received = new LongAdder();

    @Override
    public void publish(String topic, byte[] payload) {
        boolean counted = !HEARTBEAT.equals(topic);
        if (counted) {
            published.increment();
        }
        List<Consumer<byte[]>> handlers = topics.get(topic);
        if (handlers != null) {
            for (Consumer<byte[]> h : handlers) {
                if (counted) {
                    received.increment();
                }
                h.accept(payload);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(String topic, Consumer<byte[]> handler) {
        topics.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
        return () ->
                topics.computeIfPresent(
                        topic,
                        (t, list) -> {
                            list.remove(handler);
                            return list.isEmpty() ? null : list;
                        });
    }

    @Override
    public BusStats stats() {
        return new BusStats(published.sum(), received.sum(), 0, 0, topics.size());
    }

    @Override
    public void close() {
        topics.clear();
    }
}
