/**
 * What a scenario needs from a protocol: accounts, logged-in connections, one-to-one sends and the
 * deliveries they cause. One implementation per server under test (Chapar, XMPP).
 */
package org.chapar.bench.driver;
