/**
 * Online status, last seen and typing notices, to users and in shared chats: ephemeral, pushed
 * live, never stored in boxes. Who sees typing in a chat is the chat feature's rule, which this
 * package asks through {@code PresenceService.ChatAudiences}.
 */
package org.chapar.server.presence;
