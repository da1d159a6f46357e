/** Small pieces every feature package shares: the client-visible error, random ids. */
package org.chapar.server.core;
