/**
 * The bus over NATS for a cluster of nodes: interest-based subjects under a deployment's prefix,
 * and outages turned into catch-up signals for the gateway (docs/adr/0017-nats-bus.md).
 */
package org.chapar.server.bus.nats;
