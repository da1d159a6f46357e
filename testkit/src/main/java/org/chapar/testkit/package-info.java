/**
 * The test harness: a real Chapar server on a free port with a temporary data directory ({@link
 * org.chapar.testkit.ChaparServerExtension}), logged-in SDK clients in one line, an update recorder
 * to wait on, and a server in a child process for crash tests.
 */
package org.chapar.testkit;
