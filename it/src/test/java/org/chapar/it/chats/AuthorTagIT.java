package org.chapar.it.chats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.it.chats.Chats.call;
import static org.chapar.it.chats.Chats.channelDifference;
import static org.chapar.it.chats.Chats.create;
import static org.chapar.it.chats.Chats.history;
import static org.chapar.it.chats.Chats.peer;
import static org.chapar.it.chats.Chats.promote;
import static org.chapar.it.chats.Chats.send;
import static org.chapar.testkit.ChaparAssertions.assertFails;
import static org.chapar.testkit.UpdateRecorder.newMessage;

import com.google.protobuf.ByteString;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.chapar.client.ChaparClient;
import org.chapar.client.ChatRequests;
import org.chapar.client.Peers;
import org.chapar.client.SyncStateStore;
import org.chapar.protocol.AdminRights;
import org.chapar.protocol.Authenticate;
import org.chapar.protocol.ChannelDifference;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.ForwardMessage;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.SendMessage;
import org.chapar.protocol.SentMessage;
import org.chapar.protocol.ServerFrame;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawSocket;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts stored without their author (channel posts, anonymous admins' posts) are their author's own
 * in the answer and on every device of the author that logged in with the password, while every
 * other member receives the same bytes with nothing that names the author and a tag their own key
 * does not verify; the server holds no key (docs/adr/0012-author-tags.md). The keys and tags are
 * computed here as protocol/README.md specifies, apart from the SDK's code.
 */
class AuthorTagIT {

    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    /** The author salt an Authenticate on a fresh connection gives the user. */
    private static ByteString salt(TestUser user) {
        try (RawSocket s = RawSocket.connect(server.port()).upgrade()) {
            ServerFrame f =
                    s.call(
                            ClientFrame.newBuilder()
                                    .setAuthenticate(
                                            Authenticate.newBuilder().setToken(user.token())));
            ByteString salt = f.getAuthorization().getAuthorSalt();
            assertThat(salt.size()).isEqualTo(16);
            return salt;
        }
    }

    /** K = Argon2id(password, "chapar author key" || user id || salt), t=2, 19 MiB, 1 lane. */
    private static byte[] key(TestUser user) {
        byte[] label = "chapar author key".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = salt(user).toByteArray();
        byte[] full =
                ByteBuffer.allocate(label.length + 8 + salt.length)
                        .put(label)
                        .putLong(user.id())
                        .put(salt)
                        .array();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(
                new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                        .withSalt(full)
                        .withMemoryAsKB(19 * 1024)
                        .withIterations(2)
                        .withParallelism(1)
                        .build());
        byte[] k = new byte[32];
        g.generateBytes(user.password().getBytes(StandardCharsets.UTF_8), k);
        return k;
    }

    /** Whether {@code key} made {@code tag} (nonce || HMAC(key, label || chat || nonce)[..16]). */
    private static boolean verifies(byte[] key, long chatId, ByteString tag) {
        if (tag.size() != 32) {
            return false;
        }
        try {
            byte[] nonce = tag.substring(0, 16).toByteArray();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update("chapar author tag".getBytes(StandardCharsets.US_ASCII));
            mac.update(ByteBuffer.allocate(8).putLong(chatId).array());
            byte[] expected = Arrays.copyOf(mac.doFinal(nonce), 16);
            return Arrays.equals(expected, tag.substring(16).toByteArray());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static long channel(TestUser owner, TestUser poster, TestUser... subscribers) {
        TestUser[] members = new TestUser[subscribers.length + 1];
        members[0] = poster;
        System.arraycopy(subscribers, 0, members, 1, subscribers.length);
        long chat = create(owner, ChatKind.CHANNEL, "Street news", "", members).getChat().getId();
        promote(owner, chat, poster, AdminRights.newBuilder().setPostMessages(true).build()).join();
        return chat;
    }

    private static SentMessage post(TestUser u, long chatId, String text) {
        return u.client().sendMessage(Peers.chat(chatId), text).join();
    }

    private static Message find(MessageList page, long id) {
        return page.getMessagesList().stream()
                .filter(m -> m.getId() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("#" + id + " not in " + page));
    }

    private static Message sdkHistory(ChaparClient c, long chatId, long id) {
        return find(c.getHistory(Peers.chat(chatId), 0, 100).join(), id);
    }

    private static Message message(Update u) {
        return u.hasNewMessage()
                ? u.getNewMessage().getMessage()
                : u.getEditedMessage().getMessage();
    }

    @Test
    void theAuthorKnowsTheirChannelPostOnEveryDeviceAndNobodyElseCan() {
        TestUser owner = server.newUser("owner");
        TestUser poster = server.newUser("poster");
        TestUser bob = server.newUser("bob");
        long chat = channel(owner, poster, bob);
        TestUser phone = server.newDevice(poster);

        Message answer = post(poster, chat, "curfew lifted").getMessage();
        long id = answer.getId();
        assertThat(answer.getFromId()).isZero();
        assertThat(answer.getPost()).isTrue();
        assertThat(answer.getOut()).as("the author's answer").isTrue();
        ByteString tag = answer.getAuthorTag();
        byte[] posterKey = key(poster);
        assertThat(verifies(posterKey, chat, tag)).as("the tag is the poster's").isTrue();

        // the author's other device knows the post by its tag: live, in history, in a difference
        Update live = phone.updates().awaitOne(newMessage("curfew lifted"));
        assertThat(message(live).getOut()).isTrue();
        assertThat(message(live).getAuthorTag()).isEqualTo(tag);
        assertThat(sdkHistory(phone.client(), chat, id).getOut()).isTrue();
        ChannelDifference phoneDiff =
                new ChatRequests(phone.client())
                        .getChannelDifference(chat, live.getPts() - 1, 10)
                        .join();
        assertThat(message(phoneDiff.getUpdates(0)).getOut()).isTrue();
        // the server itself cannot tell: the raw history it serves does not say out
        assertThat(find(history(phone, chat).join(), id).getOut()).isFalse();

        // a subscriber: the same tag, which their own key does not verify, and nothing else
        byte[] bobKey = key(bob);
        Update bobsUpdate = bob.updates().awaitOne(newMessage("curfew lifted"));
        ServerFrame bobsRawDiff = channelDifference(bob, chat, bobsUpdate.getPts() - 1).join();
        for (Message seen :
                new Message[] {
                    message(bobsUpdate),
                    sdkHistory(bob.client(), chat, id),
                    find(history(bob, chat).join(), id),
                    message(bobsRawDiff.getChannelDifference().getUpdates(0))
                }) {
            assertThat(seen.getOut()).isFalse();
            assertThat(seen.getFromId()).isZero();
            assertThat(seen.getPostAuthor()).isEmpty();
            assertThat(seen.getAuthorTag()).isEqualTo(tag);
            assertThat(verifies(bobKey, chat, seen.getAuthorTag())).isFalse();
        }
        assertThat(bobsRawDiff.getChannelDifference().getUsersList())
                .extracting(User::getId)
                .doesNotContain(poster.id());
        assertThat(bobsRawDiff.getChannelDifference().getUpdates(0).toByteString())
                .as("the one form for everyone")
                .isEqualTo(
                        channelDifference(phone, chat, bobsUpdate.getPts() - 1)
                                .join()
                                .getChannelDifference()
                                .getUpdates(0)
                                .toByteString());
    }

    @Test
    void aSessionResumedByItsTokenKeepsTheKeyAndOneWithoutThePasswordHasNone() {
        TestUser owner = server.newUser("owner");
        TestUser poster = server.newUser("poster");
        long chat = channel(owner, poster);
        long id = post(poster, chat, "tonight").getMessage().getId();

        // as the CLI does: a later run starts from the stored state and authenticates by token
        SyncStateStore stored = SyncStateStore.inMemory();
        stored.save(poster.client().syncState());
        ChaparClient resumed = server.client(stored);
        resumed.connect().join();
        assertThat(sdkHistory(resumed, chat, id).getOut()).isTrue();

        // a device that only ever saw the token cannot derive the key
        ChaparClient tokenOnly = server.client();
        tokenOnly.connect().join();
        tokenOnly.authenticate(poster.token()).join();
        assertThat(sdkHistory(tokenOnly, chat, id).getOut()).isFalse();
    }

    @Test
    void everyPostHasItsOwnTagAndAnUntaggedPostIsStillPosted() {
        TestUser owner = server.newUser("owner");
        TestUser poster = server.newUser("poster");
        long chat = channel(owner, poster);
        long other = channel(owner, poster);

        ByteString a = post(poster, chat, "one").getMessage().getAuthorTag();
        ByteString b = post(poster, chat, "two").getMessage().getAuthorTag();
        SentMessage forwarded =
                new ChatRequests(poster.client())
                        .forwardMessage(
                                Peers.chat(chat),
                                post(poster, chat, "three").getMessage().getId(),
                                Peers.chat(other))
                        .join();
        ByteString c = forwarded.getMessage().getAuthorTag();
        byte[] k = key(poster);
        assertThat(verifies(k, chat, a)).isTrue();
        assertThat(verifies(k, chat, b)).isTrue();
        assertThat(verifies(k, other, c)).as("the forward's tag, for its chat").isTrue();
        assertThat(verifies(k, chat, c)).isFalse();
        assertThat(forwarded.getMessage().getOut()).isTrue();
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
        assertThat(a.substring(0, 16)).isNotEqualTo(b.substring(0, 16));

        // an older client sends no tag: the post is stored, the answer still says it is theirs
        Message untagged = send(poster, chat, "from an old client").join().getMessage();
        assertThat(untagged.getAuthorTag()).isEmpty();
        assertThat(untagged.getOut()).isTrue();
        assertThat(untagged.getFromId()).isZero();

        // a tag of another length is refused, and nothing is posted
        for (int n : new int[] {16, 33}) {
            assertFails(
                    call(
                            poster,
                            ClientFrame.newBuilder()
                                    .setSendMessage(
                                            SendMessage.newBuilder()
                                                    .setPeer(peer(chat))
                                                    .setText("bad tag")
                                                    .setRandomId(7 + n)
                                                    .setAuthorTag(
                                                            ByteString.copyFrom(new byte[n])))),
                    ErrorCode.AUTHOR_TAG_INVALID);
        }
        assertFails(
                call(
                        poster,
                        ClientFrame.newBuilder()
                                .setForwardMessage(
                                        ForwardMessage.newBuilder()
                                                .setFromPeer(peer(chat))
                                                .setId(untagged.getId())
                                                .setToPeer(peer(other))
                                                .setRandomId(99)
                                                .setAuthorTag(ByteString.copyFrom(new byte[1])))),
                ErrorCode.AUTHOR_TAG_INVALID);
        assertThat(history(owner, chat).join().getMessagesList())
                .extracting(Message::getText)
                .doesNotContain("bad tag");
    }

    @Test
    void anAnonymousAdminsPostIsTheirsAloneAndAnEditKeepsItsTag() {
        TestUser owner = server.newUser("owner");
        TestUser ghost = server.newUser("ghost");
        TestUser member = server.newUser("member");
        long chat =
                create(owner, ChatKind.SUPERGROUP, "Assembly", "", ghost, member).getChat().getId();
        promote(
                        owner,
                        chat,
                        ghost,
                        AdminRights.newBuilder().setAnonymous(true).setPinMessages(true).build())
                .join();
        TestUser laptop = server.newDevice(ghost);

        Message answer = post(ghost, chat, "meet at nine").getMessage();
        assertThat(answer.getFromId()).isZero();
        assertThat(answer.getOut()).isTrue();
        assertThat(verifies(key(ghost), chat, answer.getAuthorTag())).isTrue();
        assertThat(message(laptop.updates().awaitOne(newMessage("meet at nine"))).getOut())
                .isTrue();
        Message seen = message(member.updates().awaitOne(newMessage("meet at nine")));
        assertThat(seen.getOut()).isFalse();
        assertThat(seen.getFromId()).isZero();
        assertThat(seen.getAuthorTag()).isEqualTo(answer.getAuthorTag());
        assertThat(verifies(key(member), chat, seen.getAuthorTag())).isFalse();

        SentMessage edited =
                ghost.client().editMessage(Peers.chat(chat), answer.getId(), "meet at ten").join();
        assertThat(edited.getMessage().getOut()).isTrue();
        assertThat(edited.getMessage().getAuthorTag()).isEqualTo(answer.getAuthorTag());
        assertThat(sdkHistory(laptop.client(), chat, answer.getId()).getOut()).isTrue();

        // a member's own signed message keeps no tag: from_id names them already
        Message signed = post(member, chat, "ok").getMessage();
        assertThat(signed.getFromId()).isEqualTo(member.id());
        assertThat(signed.getAuthorTag()).isEmpty();
        assertThat(signed.getOut()).isTrue();
    }

    @Test
    void anAnonymousAdminsGroupPostIsTheirsOnTheirOtherDeviceOnly() {
        TestUser owner = server.newUser("owner");
        TestUser ghost = server.newUser("ghost");
        TestUser member = server.newUser("member");
        long chat = create(owner, ChatKind.GROUP, "Cell", "", ghost, member).getChat().getId();
        promote(owner, chat, ghost, AdminRights.newBuilder().setAnonymous(true).build()).join();
        TestUser laptop = server.newDevice(ghost);

        assertThat(post(ghost, chat, "new place").getMessage().getOut()).isTrue();
        Update pushed = laptop.updates().awaitOne(newMessage("new place"));
        assertThat(message(pushed).getOut()).isTrue();
        var replayed = laptop.client().getDifference(pushed.getPts() - 1, 1).join();
        assertThat(message(replayed.getUpdates(0)).getOut()).isTrue();
        Update theirs = member.updates().awaitOne(newMessage("new place"));
        assertThat(message(theirs).getOut()).isFalse();
        assertThat(message(theirs).getFromId()).isZero();
        var theirDifference = member.client().getDifference(theirs.getPts() - 1, 1).join();
        assertThat(message(theirDifference.getUpdates(0)).getOut()).isFalse();
        assertThat(theirDifference.getUsersList())
                .extracting(User::getId)
                .doesNotContain(ghost.id());
    }
}
