package org.chapar.server.chat;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.Restrictions;

import java.util.ArrayList;
import java.util.List;

/** Admin rights and member restrictions as bit sets (how they are stored), and their wire form. */
public final class Rights {
    // admin rights
    public static final int CHANGE_INFO = 1;
    public static final int POST_MESSAGES = 1 << 1;
    public static final int EDIT_MESSAGES = 1 << 2;
    public static final int DELETE_MESSAGES = 1 << 3;
    public static final int BAN_USERS = 1 << 4;
    public static final int INVITE_USERS = 1 << 5;
    public static final int PIN_MESSAGES = 1 << 6;
    public static final int ADD_ADMINS = 1 << 7;
    public static final int ANONYMOUS = 1 << 8;
    public static final int MANAGE_CALL = 1 << 9;
    public static final int ALL_ADMIN = (1 << 10) - 1;

    // restrictions (a set bit refuses)
    public static final int VIEW = 1;
    public static final int SEND = 1 << 1;
    public static final int SEND_MEDIA = 1 << 2;
    public static final int EMBED_LINKS = 1 << 3;
    public static final int INVITE = 1 << 4;
    public static final int PIN = 1 << 5;
    public static final int INFO = 1 << 6;

    private Rights() {}

    public static int admin(AdminRights r) {
        return bit(r.getChangeInfo(), CHANGE_INFO)
                | bit(r.getPostMessages(), POST_MESSAGES)
                | bit(r.getEditMessages(), EDIT_MESSAGES)
                | bit(r.getDeleteMessages(), DELETE_MESSAGES)
                | bit(r.getBanUsers(), BAN_USERS)
                | bit(r.getInviteUsers(), INVITE_USERS)
                | bit(r.getPinMessages(), PIN_MESSAGES)
                | bit(r.getAddAdmins(), ADD_ADMINS)
                | bit(r.getAnonymous(), ANONYMOUS)
                | bit(r.getManageCall(), MANAGE_CALL);
    }

    public static AdminRights admin(int b) {
        return AdminRights.newBuilder()
                .setChangeInfo(has(b, CHANGE_INFO))
                .setPostMessages(has(b, POST_MESSAGES))
                .setEditMessages(has(b, EDIT_MESSAGES))
                .setDeleteMessages(has(b, DELETE_MESSAGES))
                .setBanUsers(has(b, BAN_USERS))
                .setInviteUsers(has(b, INVITE_USERS))
                .setPinMessages(has(b, PIN_MESSAGES))
                .setAddAdmins(has(b, ADD_ADMINS))
                .setAnonymous(has(b, ANONYMOUS))
                .setManageCall(has(b, MANAGE_CALL))
                .build();
    }

    public static int banned(Restrictions r) {
        return bit(r.getViewMessages(), VIEW)
                | bit(r.getSendMessages(), SEND)
                | bit(r.getSendMedia(), SEND_MEDIA)
                | bit(r.getEmbedLinks(), EMBED_LINKS)
                | bit(r.getInviteUsers(), INVITE)
                | bit(r.getPinMessages(), PIN)
                | bit(r.getChangeInfo(), INFO);
    }

    public static Restrictions banned(int b) {
        return Restrictions.newBuilder()
                .setViewMessages(has(b, VIEW))
                .setSendMessages(has(b, SEND))
                .setSendMedia(has(b, SEND_MEDIA))
                .setEmbedLinks(has(b, EMBED_LINKS))
                .setInviteUsers(has(b, INVITE))
                .setPinMessages(has(b, PIN))
                .setChangeInfo(has(b, INFO))
                .build();
    }

    /** Readable names of admin rights, for the admin log. */
    static String adminNames(int b) {
        String[] names = {
            "change_info",
            "post_messages",
            "edit_messages",
            "delete_messages",
            "ban_users",
            "invite_users",
            "pin_messages",
            "add_admins",
            "anonymous",
            "manage_call"
        };
        return names(b, names);
    }

    static String bannedNames(int b) {
        String[] names = {
            "view_messages",
            "send_messages",
            "send_media",
            "embed_links",
            "invite_users",
            "pin_messages",
            "change_info"
        };
        return names(b, names);
    }

    private static String names(int b, String[] names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((b & (1 << i)) != 0) {
                out.add(names[i]);
            }
        }
        return out.isEmpty() ? "none" : String.join(",", out);
    }

    static boolean has(int set, int bit) {
        return (set & bit) != 0;
    }

    private static int bit(boolean on, int bit) {
        return on ? bit : 0;
    }
}
