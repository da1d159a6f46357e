package org.chapar.cli;

import org.chapar.protocol.ClientFrame;
import org.slf4j.LoggerFactory;

import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;

/**
 * Start-up work that a client command needs later and that depends on nothing of its command line,
 * begun on a second thread while the main thread builds the command line's model: the logging
 * set-up, the JDK's TLS classes (its HttpClient loads them even for ws://) and the protocol's
 * generated classes. Each is done once per JVM by whichever thread comes first, so this changes
 * only when it happens: on a machine with a free core, not after the parsing but beside it
 * (docs/benchmarks.md, CLI start-up).
 */
final class Warmup {

    private Warmup() {}

    /** For a process that runs one client command; a daemon, so it never delays the exit. */
    static void start() {
        Thread.ofPlatform().name("chapar-warmup").daemon().start(Warmup::run);
    }

    private static void run() {
        LoggerFactory.getILoggerFactory();
        ClientFrame.getDefaultInstance();
        try {
            SSLContext.getInstance("TLS");
        } catch (NoSuchAlgorithmException e) {
            // the SDK reports a JDK without TLS when it connects
        }
    }
}
