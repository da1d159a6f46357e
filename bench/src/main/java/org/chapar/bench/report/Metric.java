package org.chapar.bench.report;

/** One measured number. {@code higherIsBetter} decides which way a side-by-side ratio reads. */
public record Metric(String name, double value, String unit, boolean higherIsBetter) {}
