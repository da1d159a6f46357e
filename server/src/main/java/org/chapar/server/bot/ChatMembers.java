package org.chapar.server.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.MemberStatus;
import org.chapar.protocol.Restrictions;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.chat.Rights;

/** Telegram's ChatMember kinds and ChatPermissions from a membership's status and right bits. */
final class ChatMembers {
    private ChatMembers() {}

    static ObjectNode member(
            AccountRecord user,
            MemberStatus status,
            int admin,
            int banned,
            long until,
            boolean channel) {
        ObjectNode o = BotJson.object();
        switch (status) {
            case CREATOR -> o.put("status", "creator").put("is_anonymous", false);
            case ADMIN -> {
                o.put("status", "administrator")
                        .put("can_be_edited", false)
                        .put("is_anonymous", (admin & Rights.ANONYMOUS) != 0)
                        .put("can_manage_chat", true)
                        .put("can_delete_messages", (admin & Rights.DELETE_MESSAGES) != 0)
                        .put("can_manage_video_chats", (admin & Rights.MANAGE_CALL) != 0)
                        .put("can_restrict_members", (admin & Rights.BAN_USERS) != 0)
                        .put("can_promote_members", (admin & Rights.ADD_ADMINS) != 0)
                        .put("can_change_info", (admin & Rights.CHANGE_INFO) != 0)
                        .put("can_invite_users", (admin & Rights.INVITE_USERS) != 0)
                        .put("can_post_stories", false)
                        .put("can_edit_stories", false)
                        .put("can_delete_stories", false);
                if (channel) {
                    o.put("can_post_messages", (admin & Rights.POST_MESSAGES) != 0)
                            .put("can_edit_messages", (admin & Rights.EDIT_MESSAGES) != 0);
                } else {
                    o.put("can_pin_messages", (admin & Rights.PIN_MESSAGES) != 0);
                }
            }
            case BANNED -> o.put("status", "kicked").put("until_date", until);
            case LEFT -> o.put("status", "left");
            default -> {
                if (banned != 0) {
                    o.put("status", "restricted").put("is_member", true).put("until_date", until);
                    permissions(o, banned);
                } else {
                    o.put("status", "member");
                }
            }
        }
        o.set("user", TelegramObjects.user(user));
        return o;
    }

    /** ChatPermissions: what the restriction bits leave allowed. */
    static ObjectNode permissions(ObjectNode o, int banned) {
        boolean send = (banned & Rights.SEND) == 0;
        boolean media = (banned & Rights.SEND_MEDIA) == 0;
        o.put("can_send_messages", send);
        for (String k :
                new String[] {
                    "can_send_audios",
                    "can_send_documents",
                    "can_send_photos",
                    "can_send_videos",
                    "can_send_video_notes",
                    "can_send_voice_notes",
                    "can_send_polls",
                    "can_send_other_messages"
                }) {
            o.put(k, media);
        }
        return o.put("can_add_web_page_previews", (banned & Rights.EMBED_LINKS) == 0)
                .put("can_change_info", (banned & Rights.INFO) == 0)
                .put("can_invite_users", (banned & Rights.INVITE) == 0)
                .put("can_pin_messages", (banned & Rights.PIN) == 0)
                .put("can_manage_topics", false);
    }

    /** The restriction bits a ChatPermissions object asks for (absent fields: not allowed). */
    static Restrictions restrictions(JsonNode p) {
        boolean media =
                p.path("can_send_photos").asBoolean(false)
                        || p.path("can_send_documents").asBoolean(false)
                        || p.path("can_send_videos").asBoolean(false)
                        || p.path("can_send_audios").asBoolean(false)
                        || p.path("can_send_other_messages").asBoolean(false);
        return Restrictions.newBuilder()
                .setSendMessages(!p.path("can_send_messages").asBoolean(false))
                .setSendMedia(!media)
                .setEmbedLinks(!p.path("can_add_web_page_previews").asBoolean(false))
                .setInviteUsers(!p.path("can_invite_users").asBoolean(false))
                .setPinMessages(!p.path("can_pin_messages").asBoolean(false))
                .setChangeInfo(!p.path("can_change_info").asBoolean(false))
                .build();
    }
}
