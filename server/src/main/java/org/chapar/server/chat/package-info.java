/**
 * Groups, supergroups and channels: membership, admin rights and member restrictions, invite links
 * and join requests, the admin log, and messages in shared chats. Groups fan out into members'
 * common boxes; supergroups and channels write once into their own box and push once on the chat's
 * bus topic.
 */
package org.chapar.server.chat;
