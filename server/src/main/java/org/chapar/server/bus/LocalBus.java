package org.chapar.server.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The bus of a single node: a publish calls the subscribers of the topic directly, in order. */
public final class LocalBus implements Bus {
    private final Map<String, List<Consumer<byte[]>>> topics = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic, byte[] payload) {
        List<Consumer<byte[]>> handlers = topics.get(topic);
        if (handlers != null) {
            for (Consumer<byte[]> h : handlers) {
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
    public void close() {
        topics.clear();
    }
}
