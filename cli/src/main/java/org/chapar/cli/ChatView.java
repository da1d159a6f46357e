package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.Chat;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatMember;
import org.chapar.protocol.InviteLink;
import org.chapar.protocol.JoinRequest;
import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageAction;
import org.chapar.protocol.Peer;
import org.chapar.protocol.Update;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** JSON and text shapes of groups, supergroups and channels (see JsonView for the conventions). */
final class ChatView {

    static final String LINK_PREFIX = "chapar:join/";

    private ChatView() {}

    static String kind(Chat c) {
        return c.getKind().name().toLowerCase(Locale.ROOT);
    }

    /**
     * How a chat is addressed on the command line: {@code @name} if public, else {@code chat#ID}.
     */
    static String address(Chat c) {
        return c.getUsername().isEmpty() ? "chat#" + c.getId() : "@" + c.getUsername();
    }

    /** {@code Team (group chat#5)} or {@code News (channel @news)}. */
    static String label(Chat c) {
        return c.getTitle() + " (" + kind(c) + " " + address(c) + ")";
    }

    static ObjectNode chat(Chat c) {
        ObjectNode n = JsonView.object();
        n.put("id", c.getId());
        n.put("kind", kind(c));
        n.put("title", c.getTitle());
        if (!c.getAbout().isEmpty()) {
            n.put("about", c.getAbout());
        }
        if (!c.getUsername().isEmpty()) {
            n.put("username", c.getUsername());
        }
        n.put("members_count", c.getMembersCount());
        if (c.getSignatures()) {
            n.put("signatures", true);
        }
        if (c.getSlowModeSeconds() != 0) {
            n.put("slow_mode_seconds", c.getSlowModeSeconds());
        }
        List<String> defaults = ChatOptions.names(c.getDefaultRestrictions());
        if (!defaults.isEmpty()) {
            strings(n.putArray("default_restrictions"), defaults);
        }
        if (c.getPinnedMessageId() != 0) {
            n.put("pinned_message_id", c.getPinnedMessageId());
        }
        n.put("date", c.getDate());
        return n;
    }

    /**
     * {"chat": .., "member": ..}: a chat and the membership the answer is about (the caller's, or
     * the target's).
     */
    static ObjectNode info(ChatInfo i, Names names) {
        ObjectNode n = JsonView.object();
        n.set("chat", chat(i.getChat()));
        n.set("member", member(i.getSelf(), names));
        return n;
    }

    static ObjectNode member(ChatMember m, Names names) {
        ObjectNode n = JsonView.object();
        n.put("user_id", m.getUserId());
        if (names != null && names.get(m.getUserId()) != null) {
            n.put("username", names.get(m.getUserId()).getUsername());
        }
        n.put("status", m.getStatus().name().toLowerCase(Locale.ROOT));
        List<String> rights = ChatOptions.names(m.getAdminRights());
        if (!rights.isEmpty()) {
            strings(n.putArray("admin_rights"), rights);
        }
        List<String> restrictions = ChatOptions.names(m.getRestrictions());
        if (!restrictions.isEmpty()) {
            strings(n.putArray("restrictions"), restrictions);
        }
        if (m.getUntilDate() != 0) {
            n.put("until_date", m.getUntilDate());
        }
        if (m.getDate() != 0) {
            n.put("date", m.getDate());
        }
        if (m.getInviterId() != 0) {
            n.put("inviter_id", m.getInviterId());
        }
        if (m.getPromotedBy() != 0) {
            n.put("promoted_by", m.getPromotedBy());
        }
        return n;
    }

    /** {@code @bob admin: change_info, pin_messages}. */
    static String memberText(ChatMember m, Names names) {
        StringBuilder s =
                new StringBuilder(names.of(m.getUserId()))
                        .append("  ")
                        .append(m.getStatus().name().toLowerCase(Locale.ROOT));
        List<String> rights = ChatOptions.names(m.getAdminRights());
        if (m.getStatus() == MemberStatus.ADMIN && !rights.isEmpty()) {
            s.append(": ").append(String.join(", ", rights));
        }
        List<String> restrictions = ChatOptions.names(m.getRestrictions());
        if (!restrictions.isEmpty() && m.getStatus() != MemberStatus.BANNED) {
            s.append("  restricted: ").append(String.join(", ", restrictions));
        }
        if (m.getUntilDate() != 0) {
            s.append("  until ").append(TextView.time(m.getUntilDate()));
        }
        return s.toString();
    }

    static String link(String hash) {
        return LINK_PREFIX + hash;
    }

    static ObjectNode invite(InviteLink l) {
        ObjectNode n = JsonView.object();
        n.put("link", link(l.getHash()));
        n.put("hash", l.getHash());
        n.put("chat_id", l.getChatId());
        n.put("admin_id", l.getAdminId());
        n.put("date", l.getDate());
        n.put("expire_date", l.getExpireDate());
        n.put("usage_limit", l.getUsageLimit());
        n.put("usage", l.getUsage());
        n.put("requires_approval", l.getRequiresApproval());
        n.put("revoked", l.getRevoked());
        n.put("primary", l.getPrimary());
        if (!l.getTitle().isEmpty()) {
            n.put("title", l.getTitle());
        }
        n.put("pending_requests", l.getPendingRequests());
        return n;
    }

    /** {@code chapar:join/abc used 2/10 expires 2026-12-01 10:00 needs approval (1 pending)}. */
    static String inviteText(InviteLink l) {
        StringBuilder s = new StringBuilder(link(l.getHash()));
        if (!l.getTitle().isEmpty()) {
            s.append("  \"").append(l.getTitle()).append('"');
        }
        s.append("  used ")
                .append(l.getUsage())
                .append(l.getUsageLimit() != 0 ? "/" + l.getUsageLimit() : "");
        if (l.getExpireDate() != 0) {
            s.append("  expires ").append(TextView.time(l.getExpireDate()));
        }
        if (l.getRequiresApproval()) {
            s.append("  needs approval (").append(l.getPendingRequests()).append(" pending)");
        }
        if (l.getPrimary()) {
            s.append("  primary");
        }
        if (l.getRevoked()) {
            s.append("  revoked");
        }
        return s.toString();
    }

    static ObjectNode request(JoinRequest r, Names names) {
        ObjectNode n = JsonView.object();
        n.put("user_id", r.getUserId());
        if (names.get(r.getUserId()) != null) {
            n.put("username", names.get(r.getUserId()).getUsername());
        }
        n.put("date", r.getDate());
        n.put("link", link(r.getInviteHash()));
        return n;
    }

    static String requestText(JoinRequest r, Names names) {
        return names.of(r.getUserId())
                + "  asked "
                + TextView.time(r.getDate())
                + "  via "
                + link(r.getInviteHash());
    }

    /**
     * Adds the shared-chat fields of a message to its JSON (nothing for a plain private message).
     */
    static void addSharedFields(ObjectNode n, Message m) {
        if (m.getPost()) {
            n.put("post", true);
        }
        if (!m.getPostAuthor().isEmpty()) {
            n.put("post_author", m.getPostAuthor());
        }
        if (m.getViews() != 0) {
            n.put("views", m.getViews());
        }
        if (m.getForwards() != 0) {
            n.put("forwards", m.getForwards());
        }
        if (m.getPinned()) {
            n.put("pinned", true);
        }
        if (m.getMentioned()) {
            n.put("mentioned", true);
        }
        if (m.hasFwdFrom()) {
            ObjectNode f = n.putObject("fwd_from");
            f.put("from_user_id", m.getFwdFrom().getFromUserId());
            f.put("from_chat_id", m.getFwdFrom().getFromChatId());
            f.put("message_id", m.getFwdFrom().getMessageId());
            f.put("date", m.getFwdFrom().getDate());
        }
        if (m.hasAction() && m.getAction().getType() != MessageAction.Type.NONE) {
            MessageAction a = m.getAction();
            ObjectNode j = n.putObject("action");
            j.put("type", a.getType().name().toLowerCase(Locale.ROOT));
            if (a.getUserIdsCount() > 0) {
                a.getUserIdsList().forEach(j.putArray("user_ids")::add);
            }
            if (!a.getTitle().isEmpty()) {
                j.put("title", a.getTitle());
            }
            if (a.getMessageId() != 0) {
                j.put("message_id", a.getMessageId());
            }
        }
    }

    /**
     * What a service message says, e.g. {@code @alice added @bob, @carol}; null for a plain
     * message.
     */
    static String action(Message m, Names names) {
        if (!m.hasAction() || m.getAction().getType() == MessageAction.Type.NONE) {
            return null;
        }
        MessageAction a = m.getAction();
        String who = m.getFromId() == 0 ? "an admin" : names.of(m.getFromId());
        String users = a.getUserIdsList().stream().map(names::of).collect(Collectors.joining(", "));
        return switch (a.getType()) {
            case CHAT_CREATED ->
                    who
                            + " created the chat"
                            + (a.getTitle().isEmpty() ? "" : " \"" + a.getTitle() + "\"");
            case MEMBERS_ADDED -> who + " added " + users;
            case MEMBER_JOINED -> users + " joined";
            case MEMBER_LEFT -> (users.isEmpty() ? who : users) + " left";
            case MEMBER_REMOVED -> who + " removed " + users;
            case TITLE_CHANGED -> who + " changed the title to \"" + a.getTitle() + "\"";
            case MESSAGE_PINNED -> who + " pinned #" + a.getMessageId();
            case UPGRADED -> "the group became a supergroup";
            default -> a.getType().name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The text of shared-chat updates (pins, chat changes, join requests); the kind's name
     * otherwise.
     */
    static String updateText(Update u, Names names) {
        return switch (u.getKindCase()) {
            case PINNED_MESSAGE ->
                    names.of(u.getPinnedMessage().getPeer())
                            + ": "
                            + (u.getPinnedMessage().getPinned() ? "pinned #" : "unpinned #")
                            + u.getPinnedMessage().getId();
            case CHAT_UPDATED ->
                    u.getPts() == 0
                            ? "you are now "
                                    + u.getChatUpdated().getStatus().name().toLowerCase(Locale.ROOT)
                                    + " in "
                                    + label(u.getChatUpdated().getChat())
                            : label(u.getChatUpdated().getChat()) + " changed its settings";
            case JOIN_REQUESTED ->
                    names.of(u.getJoinRequested().getUserId())
                            + " asks to join "
                            + names.titled(chatPeer(u.getJoinRequested().getChatId()))
                            + "; see: chapar requests list chat#"
                            + u.getJoinRequested().getChatId();
            default -> u.getKindCase().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The JSON fields of shared-chat updates. */
    static void addUpdateFields(ObjectNode n, Update u) {
        switch (u.getKindCase()) {
            case PINNED_MESSAGE -> {
                n.set("peer", JsonView.peer(u.getPinnedMessage().getPeer()));
                n.put("id", u.getPinnedMessage().getId());
                n.put("pinned", u.getPinnedMessage().getPinned());
            }
            case CHAT_UPDATED -> {
                n.set("chat", chat(u.getChatUpdated().getChat()));
                if (u.getChatUpdated().getStatus() != MemberStatus.MEMBER_STATUS_UNSPECIFIED) {
                    n.put("status", u.getChatUpdated().getStatus().name().toLowerCase(Locale.ROOT));
                }
            }
            case JOIN_REQUESTED -> {
                n.put("chat_id", u.getJoinRequested().getChatId());
                n.put("user_id", u.getJoinRequested().getUserId());
                n.put("date", u.getJoinRequested().getDate());
            }
            default -> {}
        }
    }

    /** The shared chat an update is about, or 0. */
    static long chatOf(Update u) {
        return switch (u.getKindCase()) {
            case NEW_MESSAGE -> u.getNewMessage().getMessage().getPeer().getChatId();
            case EDITED_MESSAGE -> u.getEditedMessage().getMessage().getPeer().getChatId();
            case DELETED_MESSAGES -> u.getDeletedMessages().getPeer().getChatId();
            case PINNED_MESSAGE -> u.getPinnedMessage().getPeer().getChatId();
            case JOIN_REQUESTED -> u.getJoinRequested().getChatId();
            default -> 0;
        };
    }

    static Peer chatPeer(long chatId) {
        return Peer.newBuilder().setChatId(chatId).build();
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
