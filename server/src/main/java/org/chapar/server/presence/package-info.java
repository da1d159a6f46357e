/** Online status, last seen and typing notices: ephemeral, pushed live, never stored in boxes. */
package org.chapar.server.presence;
