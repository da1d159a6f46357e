package org.chapar.server.presence;

/** Whether a user has a connection on any node: the question rules ask instead of a socket. */
public interface OnlineUsers {

    boolean isOnline(long userId);
}
