/**
 * Servers under test: started by the benchmark with a fresh data directory, measured from outside
 * (RSS and CPU from /proc, heap with jcmd) and stopped at the end of the run.
 */
package org.chapar.bench.servers;
