/**
 * Groups, supergroups and channels: membership, admin rights and member restrictions, invite links
 * and join requests, the admin log, and messages in shared chats. Groups fan out into members'
 * common boxes; supergroups and channels write once into their own box and push once on the chat's
 * bus topic.
 *
 * <p>Each request service ({@code ChatService}, {@code ChatAdminService}, {@code InviteService},
 * {@code ChatMessageService}) checks its rules with {@code Access} and works through collaborators
 * it is given: {@code Membership} moves users in and out, {@code ChatPosts} writes and delivers
 * events, {@code AdminLogService} logs, {@code ChatQueries} answers reads. Typing is {@code
 * presence}'s; this package only says who sees it.
 */
package org.chapar.server.chat;
