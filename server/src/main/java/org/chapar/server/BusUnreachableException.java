package org.chapar.server;

import java.io.IOException;

/** The configured NATS server could not be reached at start: the node does not start without it. */
public final class BusUnreachableException extends RuntimeException {

    BusUnreachableException(String url, IOException cause) {
        super("cannot reach the bus at " + url + ": " + cause.getMessage(), cause);
    }
}
