/**
 * The {@code chapar} command: runs a server, and is a terminal client for people and scripts. Each
 * client command opens the SDK for one profile (CHAPAR_HOME/profiles/NAME), does its requests,
 * prints text or JSON lines, and closes. Chats are named by {@link ChatTargets} ({@code @name} or
 * {@code chat#ID}); the group and channel commands are in ChatCommands, AdminCommands and
 * InviteCommands.
 */
package org.chapar.cli;
