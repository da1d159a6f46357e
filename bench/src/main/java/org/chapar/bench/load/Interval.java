package org.chapar.bench.load;

/** One sampling interval of a latency series: when, how many, and the percentiles in ms. */
public record Interval(
        double secondsFromStart,
        long count,
        double ratePerSecond,
        double p50Ms,
        double p99Ms,
        double p999Ms,
        double maxMs) {}
