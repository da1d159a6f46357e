/**
 * The repositories both SQL adapters share: one class per store port, the SQL common to SQLite and
 * PostgreSQL, and a {@link org.chapar.server.store.jdbc.Dialect} for the little that differs. Each
 * adapter keeps its connections, sessions and faults (ADR 0024).
 */
package org.chapar.server.store.jdbc;
