/**
 * The storage port ({@link org.chapar.server.store.Store}) and the JDBC machinery shared by its
 * adapters: the group-commit writer. Adapters live in sub-packages, one per database.
 */
package org.chapar.server.store;
