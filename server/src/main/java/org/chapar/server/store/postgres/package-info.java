/**
 * The PostgreSQL adapter of the storage port, for many nodes on one database: a few group-commit
 * writers per node in read committed (counters and limits by one atomic statement each: ADR 0008),
 * pooled repeatable-read readers, Flyway migrations in db/postgresql (ADR 0016).
 */
package org.chapar.server.store.postgres;
