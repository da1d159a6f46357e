/**
 * The Chapar load generator: one command per scenario ({@code bench/run}), which starts the server
 * under test with a fresh data directory, drives it for a bounded time and reports.
 */
package org.chapar.bench;
