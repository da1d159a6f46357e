/**
 * Each user's privacy settings (who sees their online status, who may add them to chats) and the
 * one relation both rest on: the users a person has chosen to talk to.
 */
package org.chapar.server.privacy;
