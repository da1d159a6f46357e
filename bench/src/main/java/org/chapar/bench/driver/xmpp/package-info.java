/**
 * The XMPP driver for the side-by-side runs against ejabberd: plain TCP c2s on loopback (no TLS, as
 * for Chapar's plain WebSocket), SASL PLAIN, resource bind, one-to-one chat messages and MUC
 * groupchat.
 */
package org.chapar.bench.driver.xmpp;
