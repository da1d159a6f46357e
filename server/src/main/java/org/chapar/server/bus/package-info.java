/**
 * Cross-node delivery by topic: live updates for clients, and the facts (joins, leaves, revoked
 * sessions, presence) each node's gateway acts on. In-process now, NATS in cluster mode.
 */
package org.chapar.server.bus;
