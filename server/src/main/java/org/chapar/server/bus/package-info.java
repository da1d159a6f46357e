/** Cross-node delivery of live updates by topic: in-process now, NATS in cluster mode. */
package org.chapar.server.bus;
