/**
 * Chats and messages: the send/edit/delete/read rules, history and the chat list. Messages are
 * stored once per chat; each member's view (peer, out, hidden) is rendered on the way out.
 */
package org.chapar.server.message;
