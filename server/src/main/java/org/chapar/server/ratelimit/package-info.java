/** Per-key token buckets that answer floods with FLOOD_WAIT and a retry-after. */
package org.chapar.server.ratelimit;
