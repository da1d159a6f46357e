package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.promote;
import static org.chapar.it.chats.RawFrames.assertNoTraceOf;
import static org.chapar.it.chats.RawFrames.bytes;
import static org.chapar.it.chats.RawFrames.getChat;
import static org.chapar.it.chats.RawFrames.rawUser;
import static org.chapar.it.chats.RawFrames.userOf;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.GetChannelDifference;
import org.chapar.protocol.GetHistory;
import org.chapar.protocol.JoinChat;
import org.chapar.protocol.Message;
import org.chapar.protocol.ServerFrame;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who added a member to a channel or group, or made the invite link they joined by, is nowhere in
 * that member's raw frames; nor is an anonymous group admin who added them.
 */
class MemberProvenanceIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    @BeforeAll
    static void largeUserIds() {
        RawFrames.largeUserIds(server);
    }

    @Test
    void whoAddedAMemberOrMadeTheirLinkIsNowhereInTheirFrames() throws IOException {
        TestUser owner = server.newUser("owner");
        TestUser admin = server.newUser("Inviter");
        long channel = create(owner, ChatKind.CHANNEL, "Bulletin", "", admin).getChat().getId();
        promote(owner, channel, admin, AdminRights.newBuilder().setInviteUsers(true).build())
                .join();
        RawConnection added = rawUser(server, "cadded_" + owner.id());
        Chats.add(admin, channel, userOf(added)).join();
        String hash =
                admin.client()
                        .call(
                                ClientFrame.newBuilder()
                                        .setCreateInviteLink(
                                                org.chapar.protocol.CreateInviteLink.newBuilder()
                                                        .setChatId(channel)))
                        .join()
                        .getInviteLink()
                        .getHash();
        RawConnection linked = rawUser(server, "clinked_" + owner.id());
        List<byte[]> frames = new ArrayList<>();
        frames.add(
                bytes(
                        linked,
                        ClientFrame.newBuilder()
                                .setJoinChat(JoinChat.newBuilder().setInviteHash(hash))));
        frames.add(bytes(linked, getChat(channel)));
        frames.add(bytes(added, getChat(channel)));
        assertNoTraceOf(admin, frames);

        // an anonymous group admin adds a member: the push, the history and the member's own
        // standing carry nothing of them
        TestUser shadow = server.newUser("Phantom");
        long group = create(owner, ChatKind.SUPERGROUP, "Block", "", shadow).getChat().getId();
        promote(
                        owner,
                        group,
                        shadow,
                        AdminRights.newBuilder().setAnonymous(true).setInviteUsers(true).build())
                .join();
        RawConnection member = rawUser(server, "gadded_" + owner.id());
        // (before this, the history names shadow as a member the owner added: that is no secret)
        long before = owner.client().call(getChat(group)).join().getChatInfo().getChat().getPts();
        Chats.add(shadow, group, userOf(member)).join();
        frames = new ArrayList<>();
        frames.add(bytes(member, getChat(group)));
        byte[] newest =
                bytes(
                        member,
                        ClientFrame.newBuilder()
                                .setGetHistory(
                                        GetHistory.newBuilder()
                                                .setPeer(Chats.peer(group))
                                                .setLimit(1)));
        Message addition = ServerFrame.parseFrom(newest).getMessages().getMessages(0);
        assertThat(addition.getAction().getType())
                .isEqualTo(org.chapar.protocol.MessageAction.Type.MEMBERS_ADDED);
        assertThat(addition.getFromId()).isZero();
        frames.add(newest);
        frames.add(
                bytes(
                        member,
                        ClientFrame.newBuilder()
                                .setGetChannelDifference(
                                        GetChannelDifference.newBuilder()
                                                .setChatId(group)
                                                .setPts(before))));
        assertNoTraceOf(shadow, frames);
    }
}
