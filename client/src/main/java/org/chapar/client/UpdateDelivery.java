package org.chapar.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery thread: runs the application's listeners in the order the link decided, then
 * records the delivered pts. Saving after the listeners return means a crash replays the last
 * batch rather than losing it.
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
  private final LongConsumer savePts;
  private List<Runnable> batch = new ArrayList<>();
  private long batchPts = -1;
  private volatile Thread deliveryThread;

  UpdateDelivery(LongConsumer savePts) {
    this.savePts = savePts;
  }

  void addListener(UpdateListener l) {
    listeners.add(l);
  }

  void addStateListener(Consumer<ConnectionState> l) {
    stateListeners.add(l);
  }

  // The methods below are called on the link's thread; flush() hands the batch over.

  void update(Update u, List<User> users) {
    batch.add(
        () -> {
          for (UpdateListener l : listeners) {
            try {
              l.onUpdate(u, users);
            } catch (RuntimeException e) {
              log.warn("update listener failed", e);
            }
          }
        });
    if (u.getPts() != 0 && u.getChannelId() == 0) {
      batchPts = u.getPts();
    }
  }

  void settled(long pts) {
    batchPts = pts;
  }

  void reloadNeeded() {
    batch.add(() -> listeners.forEach(UpdateListener::onReloadNeeded));
  }

  void state(ConnectionState s) {
    batch.add(
        () -> {
          for (Consumer<ConnectionState> l : stateListeners) {
            try {
              l.accept(s);
            } catch (RuntimeException e) {
              log.warn("connection listener failed", e);
            }
          }
        });
  }

  void flush() {
    if (batch.isEmpty() && batchPts < 0) {
      return;
    }
    List<Runnable> tasks = batch;
    long pts = batchPts;
    batch = new ArrayList<>();
    batchPts = -1;
    thread.execute(
        () -> {
          deliveryThread = Thread.currentThread();
          tasks.forEach(Runnable::run);
          if (pts >= 0) {
            savePts.accept(pts);
          }
        });
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
