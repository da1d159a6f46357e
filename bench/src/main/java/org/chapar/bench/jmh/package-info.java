/**
 * JMH microbenchmarks of hot paths: frame encode/decode now; update box append and fan-out when the
 * server exposes them. Run with {@code bench/jmh} (arguments go to JMH).
 */
package org.chapar.bench.jmh;
