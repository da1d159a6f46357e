/**
 * The embedded SQLite adapter of the storage port: one database file in WAL mode, one writer
 * connection behind the group-commit writer, a few reader connections beside it.
 */
package org.chapar.server.store.sqlite;
