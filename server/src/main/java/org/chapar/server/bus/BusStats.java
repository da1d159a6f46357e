package org.chapar.server.bus;

/**
 * What a node's bus did since it started: messages it published, messages it received (one per
 * subscribed subject, however many connections it then pushes to), publishes it could not hand to
 * the bus (lost in an outage), outages it saw, and the subjects it is subscribed to now. Heartbeats
 * ({@link Bus#HEARTBEAT}) are not counted: they are the bus's own upkeep, not traffic.
 */
public record BusStats(long published, long received, long lost, long outages, int subscriptions) {}
