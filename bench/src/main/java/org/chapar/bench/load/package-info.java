/**
 * The generator core: many non-blocking connections per event loop spread over several loopback
 * source addresses, fixed-rate pacing, and latency accounting in HdrHistogram intervals.
 */
package org.chapar.bench.load;
