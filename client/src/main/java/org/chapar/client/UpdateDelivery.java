package org.chapar.client;

import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The delivery thread: runs the application's listeners in the order the link decided, then records
 * the delivered pts. Saving after the listeners return means a crash replays the last batch rather
 * than losing it.
 */
final class UpdateDelivery {

    private static final Logger log = LoggerFactory.getLogger(UpdateDelivery.class);

    private final List<UpdateListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionState>> stateListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "chapar-updates");
                        t.setDaemon(true);
                        return t;
                    });

    /** Records that a box (0: the common box, else a chat id) is delivered up to a pts. */
    interface PtsSink {
        /**
         * {@code epoch} is the link's identity epoch when the update was decided (see {@link
         * #newEpoch}).
         */
        void save(long box, long pts, long epoch);
    }

    private final PtsSink savePts;
    private List<Step> batch = new ArrayList<>();
    private volatile boolean stopped;
    private boolean truncated; // delivery thread only
    private static final Runnable NOTHING = () -> {};
    private volatile Thread deliveryThread;

    UpdateDelivery(PtsSink savePts) {
        this.savePts = savePts;
    }

    void addListener(UpdateListener l) {
        listeners.add(l);
    }

    void addStateListener(Consumer<ConnectionState> l) {
        stateListeners.add(l);
    }

    // The methods below are called on the link's thread; flush() hands the batch over.

    /**
     * One step of a batch: a callback, and the pts that is delivered once it has run (-1: none).
     */
    private long epoch; // link thread

    /** The identity changed (another user logged in): saves of earlier updates are void. */
    void newEpoch(long e) {
        epoch = e;
    }

    private record Step(Runnable run, long box, long pts, boolean isState) {
        Step(Runnable run, long box, long pts) {
            this(run, box, pts, false);
        }
    }

    void update(Update u, List<User> users) {
        batch.add(
                new Step(
                        () -> {
                            for (UpdateListener l : listeners) {
                                try {
                                    l.onUpdate(u, users);
                                } catch (RuntimeException e) {
                                    log.warn("update listener failed", e);
                                }
                            }
                        },
                        u.getChannelId(),
                        u.getPts() != 0 ? u.getPts() : -1));
    }

    void settled(long box, long pts) {
        batch.add(new Step(NOTHING, box, pts));
    }

    void reloadNeeded(long box) {
        batch.add(
                new Step(
                        () -> {
                            for (UpdateListener l : listeners) {
                                if (box == 0) {
                                    l.onReloadNeeded();
                                } else {
                                    l.onChannelReloadNeeded(box);
                                }
                            }
                        },
                        box,
                        -1));
    }

    void state(ConnectionState s) {
        batch.add(
                new Step(
                        () -> {
                            for (Consumer<ConnectionState> l : stateListeners) {
                                try {
                                    l.accept(s);
                                } catch (RuntimeException e) {
                                    log.warn("connection listener failed", e);
                                }
                            }
                        },
                        0,
                        -1,
                        true));
    }

    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<Step> steps = batch;
        long batchEpoch = epoch;
        batch = new ArrayList<>();
        try {
            thread.execute(() -> run(steps, batchEpoch));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopped: nothing more is delivered
        }
    }

    private void run(List<Step> steps, long epoch) {
        deliveryThread = Thread.currentThread();
        java.util.Map<Long, Long> delivered = new java.util.LinkedHashMap<>();
        for (Step step : steps) {
            if (stopped && step.run() != NOTHING && !step.isState()) {
                truncated = true; // an update is not delivered: no later pts may be saved
            }
            if (truncated && !step.isState()) {
                continue;
            }
            step.run().run();
            if (step.pts() >= 0) {
                delivered.put(step.box(), step.pts());
            }
        }
        delivered.forEach((box, pts) -> savePts.save(box, pts, epoch));
    }

    /**
     * No update listener is called after this (one running now finishes); the saved pts covers
     * exactly what was delivered. (Settled pts with nothing left undelivered before them are still
     * saved.)
     */
    void stop() {
        stopped = true;
    }

    boolean onDeliveryThread() {
        return Thread.currentThread() == deliveryThread;
    }

    /** Runs what is queued, then stops the thread. */
    void shutdown(long timeoutMs) {
        thread.shutdown();
        if (!onDeliveryThread()) {
            try {
                thread.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
