/**
 * The Java client SDK: one {@link org.chapar.client.ChaparClient} per identity keeps a reconnecting
 * WebSocket link to a Chapar server, makes typed requests and delivers the user's updates in pts
 * order, exactly once, across reconnects and restarts (with a persistent {@link
 * org.chapar.client.SyncStateStore}).
 */
package org.chapar.client;
