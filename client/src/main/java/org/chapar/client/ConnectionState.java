package org.chapar.client;

/** The link to the server, as reported to connection listeners. */
public enum ConnectionState {
    /** Opening the socket, authenticating and catching up. */
    CONNECTING,
    /** Connected (and, with a session, authenticated and caught up): live updates flow. */
    ONLINE,
    /** The connection dropped; the client is reconnecting with backoff. */
    OFFLINE,
    /** The session is gone (logged out, revoked or its token rejected): log in again. */
    LOGGED_OUT,
    /** {@link ChaparClient#close()} was called. */
    CLOSED
}
