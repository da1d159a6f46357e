package org.chapar.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** A clock the test moves by hand: due timers are handed to their executors as it advances. */
final class ManualClock implements ClientClock {

    private final class Task implements Timer {
        final long due;
        final Runnable run;
        final Executor on;
        volatile boolean cancelled;

        Task(long due, Runnable run, Executor on) {
            this.due = due;
            this.run = run;
            this.on = on;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private long now = 1; // guarded by this
    private final List<Task> tasks = new ArrayList<>(); // guarded by this

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Timer schedule(Runnable task, long delayNanos, Executor on) {
        Task t = new Task(now + delayNanos, task, on);
        tasks.add(t);
        notifyAll();
        return t;
    }

    /** Waits (up to 5 s) until a timer due within {@code d} from now is set, e.g. a reconnect. */
    synchronized void awaitTimerWithin(Duration d) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tasks.stream().noneMatch(t -> !t.cancelled && t.due - now <= d.toNanos())) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no timer within " + d + " was set");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Moves time on and hands every timer now due to its executor, earliest first. */
    void advance(Duration d) {
        List<Task> due = new ArrayList<>();
        synchronized (this) {
            now += d.toNanos();
            for (Task t : List.copyOf(tasks)) {
                if (t.due - now <= 0) {
                    due.add(t);
                    tasks.remove(t);
                }
            }
        }
        due.sort((a, b) -> Long.compare(a.due, b.due));
        for (Task t : due) {
            try {
                // cancelled is read when it runs, as a cancel on the link thread may come first
                t.on.execute(
                        () -> {
                            if (!t.cancelled) {
                                t.run.run();
                            }
                        });
            } catch (RejectedExecutionException e) {
                // the link is closed
            }
        }
    }
}
