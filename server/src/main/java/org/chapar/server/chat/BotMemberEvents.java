package org.chapar.server.chat;

import org.chapar.protocol.JoinRequested;
import org.chapar.protocol.MemberChanged;
import org.chapar.protocol.MemberState;
import org.chapar.protocol.MemberStatus;
import org.chapar.server.account.AccountRecord;
import org.chapar.server.sync.BoxEvent;
import org.chapar.server.sync.UnitOfWork;
import org.chapar.server.sync.UpdateRenderer;

import java.util.List;

/**
 * The box events a membership change leaves for bots (docs/adr/0028-bot-member-updates.md): the bot
 * whose own membership changed, and the bots administering the chat, for other members' changes and
 * (with invite_users) for join requests. They are appended in the write of the change, so they
 * reach a bot in order with its other updates, through the same box and bus on any node.
 *
 * <p>Who acted is decided here, once per receiving bot: an anonymous group admin is stored as 0, so
 * their id never enters a bot's box; a channel's actors are named only to its admins.
 */
final class BotMemberEvents {
    private BotMemberEvents() {}

    /** {@code before} and {@code after} as in effect now. */
    static void changed(
            UnitOfWork w, ChatRecord chat, MemberRecord before, MemberRecord after, long actor) {
        if (state(before).equals(state(after))) {
            return;
        }
        MemberRecord actorsRecord =
                actor == 0 || actor == after.userId()
                        ? null
                        : w.tx.members()
                                .get(chat.id(), actor)
                                .map(m -> Access.effective(m, w.now))
                                .orElse(null);
        boolean anonymous =
                actorsRecord != null && !chat.channel() && Access.hidesActor(chat, actorsRecord);
        long shown = anonymous ? 0 : actor;
        MemberChanged.Builder e =
                MemberChanged.newBuilder()
                        .setChatId(chat.id())
                        .setUserId(after.userId())
                        .setDate(w.now)
                        .setOldMember(state(before))
                        .setNewMember(state(after));
        boolean subjectIsBot =
                w.tx.accounts().byId(after.userId()).map(AccountRecord::bot).orElse(false);
        if (subjectIsBot) {
            boolean seesActors = !chat.channel() || isAdmin(after);
            append(w, after.userId(), e.setActorId(seesActors ? shown : 0).build());
        }
        for (long bot : w.tx.bots().following(chat.id(), true)) {
            if (bot != after.userId()) {
                append(w, bot, e.setActorId(shown).build());
            }
        }
    }

    /** Tells the chat's admin bots that may approve it that someone asked to join. */
    static void requested(UnitOfWork w, ChatRecord chat, long userId) {
        JoinRequested r =
                JoinRequested.newBuilder()
                        .setChatId(chat.id())
                        .setUserId(userId)
                        .setDate(w.now)
                        .build();
        for (long bot : w.tx.bots().following(chat.id(), true)) {
            boolean mayApprove =
                    w.tx.members()
                            .get(chat.id(), bot)
                            .map(m -> Access.effective(m, w.now))
                            .filter(
                                    m ->
                                            m.status() == MemberStatus.CREATOR
                                                    || Rights.has(
                                                            m.adminRights(), Rights.INVITE_USERS))
                            .isPresent();
            if (mayApprove) {
                BoxEvent e =
                        BoxEvent.of(BoxEvent.Kind.BOT_JOIN_REQUEST, 0, r.toByteArray(), 1, w.now);
                push(w, bot, e);
            }
        }
    }

    private static void append(UnitOfWork w, long bot, MemberChanged m) {
        push(w, bot, BoxEvent.of(BoxEvent.Kind.MEMBER_CHANGED, 0, m.toByteArray(), 1, w.now));
    }

    private static void push(UnitOfWork w, long bot, BoxEvent e) {
        long pts = w.tx.boxes().append(bot, e);
        w.toUser(bot, UpdateRenderer.live(e.at(pts), 0, null), List.of());
    }

    private static boolean isAdmin(MemberRecord m) {
        return m.status() == MemberStatus.ADMIN || m.status() == MemberStatus.CREATOR;
    }

    private static MemberState state(MemberRecord m) {
        return MemberState.newBuilder()
                .setStatus(m.status())
                .setAdminRights(Rights.admin(m.adminRights()))
                .setRestrictions(Rights.banned(m.bannedRights()))
                .setUntilDate(m.untilDate())
                .build();
    }
}
