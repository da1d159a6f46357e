/** The Chapar server: configuration and the composition root that wires every feature. */
package org.chapar.server;
