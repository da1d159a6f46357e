package org.chapar.server;

import org.chapar.server.chat.AdminLogService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The server's one scheduled task: deleting what is past its retention. */
final class RetentionPurges {
    private static final Logger log = LoggerFactory.getLogger(RetentionPurges.class);

    private RetentionPurges() {}

    /**
     * Deletes what is past its retention every {@code interval}, on one thread of its own: the
     * purge is a write like any other, queued behind the requests'. The admin log's cut-off comes
     * from the server's clock, so a test's clock moves it.
     */
    static ScheduledExecutorService schedule(AdminLogService adminLog, Duration interval) {
        ScheduledExecutorService purges =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "retention-purge");
                            t.setDaemon(true);
                            return t;
                        });
        long ms = interval.toMillis();
        purges.scheduleWithFixedDelay(() -> run(adminLog), ms, ms, TimeUnit.MILLISECONDS);
        return purges;
    }

    /** One run; a failure is logged and the next run tries again (a thrown one would end them). */
    private static void run(AdminLogService adminLog) {
        try {
            adminLog.purgeExpired()
                    .exceptionally(
                            e -> {
                                log.warn("admin log purge failed", e);
                                return 0;
                            });
        } catch (RuntimeException e) {
            log.warn("admin log purge failed", e);
        }
    }
}
