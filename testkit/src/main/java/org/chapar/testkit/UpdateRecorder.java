package org.chapar.testkit;

import org.chapar.client.UpdateListener;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Records every update a client delivers, so tests can wait for the ones they expect. */
public final class UpdateRecorder implements UpdateListener {
    private final List<Update> updates = new ArrayList<>();
    private final AtomicInteger reloads = new AtomicInteger();

    @Override
    public synchronized void onUpdate(Update update, List<User> users) {
        updates.add(update);
        notifyAll();
    }

    @Override
    public void onReloadNeeded() {
        reloads.incrementAndGet();
    }

    public synchronized List<Update> all() {
        return List.copyOf(updates);
    }

    public int reloads() {
        return reloads.get();
    }

    /** Waits until {@code count} recorded updates match, and returns the matching ones. */
    public synchronized List<Update> await(Predicate<Update> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Update> found = updates.stream().filter(match).toList();
            if (found.size() >= count) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "waited "
                                + timeout
                                + " for "
                                + count
                                + " matching updates, got "
                                + found.size()
                                + "; all: "
                                + updates);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    public Update awaitOne(Predicate<Update> match) {
        return await(match, 1, Duration.ofSeconds(10)).get(0);
    }

    /** New-message updates whose text equals {@code text}. */
    public static Predicate<Update> newMessage(String text) {
        return u -> u.hasNewMessage() && u.getNewMessage().getMessage().getText().equals(text);
    }
}
