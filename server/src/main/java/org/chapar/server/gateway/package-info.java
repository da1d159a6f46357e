/**
 * The Netty gateway: one port for HTTP and the app WebSocket, frame decoding, authentication state
 * per connection, dispatch to feature handlers, and live pushes to connections.
 */
package org.chapar.server.gateway;
