/**
 * The scenarios of issue 8: idle, direct, (group, channel: with the groups/channels issue),
 * catch-up and reconnect storm. Each takes a {@link org.chapar.bench.scenario.Run} (server, driver,
 * generator) and returns a {@link org.chapar.bench.report.Result}.
 */
package org.chapar.bench.scenario;
