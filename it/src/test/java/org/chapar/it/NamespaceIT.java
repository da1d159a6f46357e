package org.chapar.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chapar.testkit.ChaparAssertions.assertError;
import static org.chapar.testkit.ChaparAssertions.assertFails;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChatRequests;
import org.chapar.protocol.ChatInfo;
import org.chapar.protocol.ChatKind;
import org.chapar.protocol.ClientFrame;
import org.chapar.protocol.EditChat;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Register;
import org.chapar.protocol.ServerFrame;
import org.chapar.testkit.ChaparServerExtension;
import org.chapar.testkit.RawConnection;
import org.chapar.testkit.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

/**
 * Users and public chats share one namespace of @names, compared without case and without the
 * look-alikes of the allowed alphabet (I, l and 1; O and 0; rn and m), so nobody can hold a name
 * that reads like somebody else's.
 */
class NamespaceIT {
    @RegisterExtension static final ChaparServerExtension server = ChaparServerExtension.create();

    private static final String PASSWORD = "long-enough-pw";

    private static ChaparClient anonymous() {
        ChaparClient c = server.client();
        c.connect().join();
        return c;
    }

    private static ChatInfo channel(TestUser owner, String username) {
        return new ChatRequests(owner.client())
                .createChat(ChatKind.CHANNEL, "News", username, List.of())
                .join();
    }

    @Test
    void aUserCannotTakeAChannelsNameInAnyCaseAndResolvingFindsOnlyTheChannel() {
        TestUser editor = server.newUser("editor");
        ChatInfo news = channel(editor, "news_desk");

        assertFails(
                anonymous().register("NEWS_DESK", PASSWORD, null, "x"), ErrorCode.USERNAME_TAKEN);
        assertFails(
                anonymous().register("news_desk", PASSWORD, null, "x"), ErrorCode.USERNAME_TAKEN);

        assertFails(editor.client().resolveUsername("@news_desk"), ErrorCode.USER_NOT_FOUND);
        assertThat(
                        new ChatRequests(editor.client())
                                .resolveChat("@NEWS_DESK")
                                .join()
                                .getChat()
                                .getId())
                .isEqualTo(news.getChat().getId());
        // a name that only starts the same is free
        assertThat(
                        anonymous()
                                .register("news_desk_fan", PASSWORD, null, "x")
                                .join()
                                .getUser()
                                .getUsername())
                .isEqualTo("news_desk_fan");
    }

    @Test
    void aChannelCannotTakeAUsersNameEither() {
        TestUser police = server.newUser("cyberpolice");
        TestUser other = server.newUser("other");
        ChatRequests chats = new ChatRequests(other.client());
        assertFails(
                chats.createChat(
                        ChatKind.CHANNEL, "Fake", police.username().toUpperCase(), List.of()),
                ErrorCode.USERNAME_OCCUPIED);
        assertThat(
                        chats.createChat(ChatKind.CHANNEL, "Real", "other_news_1", List.of())
                                .join()
                                .getChat()
                                .getUsername())
                .isEqualTo("other_news_1");
    }

    @Test
    void lookAlikesOfAnExistingNameAreRefused() {
        TestUser real = anonymousUser("cyberpolice");
        for (String fake :
                new String[] {"cyberpoIice", "cyberp0lice", "CYBERP0L1CE", "cyberpoiice"}) {
            assertFails(anonymous().register(fake, PASSWORD, null, "x"), ErrorCode.USERNAME_TAKEN);
            assertFails(
                    new ChatRequests(real.client())
                            .createChat(ChatKind.CHANNEL, "Fake", fake, List.of()),
                    ErrorCode.USERNAME_OCCUPIED);
        }
        assertThat(
                        anonymous()
                                .register("cyberpolize", PASSWORD, null, "x")
                                .join()
                                .getUser()
                                .getUsername())
                .isEqualTo("cyberpolize");
        // the look-alike resolves to the one who holds the name, never to anybody else
        assertThat(real.client().resolveUsername("cyberp0lice").join().getId())
                .isEqualTo(real.id());
    }

    @Test
    void renamingAChannelFreesItsOldNameAndTakesTheNewOneFromEveryoneElse() {
        TestUser editor = server.newUser("editor");
        ChatInfo c = channel(editor, "old_name_1");
        new ChatRequests(editor.client())
                .editChat(
                        EditChat.newBuilder()
                                .setChatId(c.getChat().getId())
                                .setUsername("new_name_1")
                                .build())
                .join();
        assertThat(
                        anonymous()
                                .register("OLD_NAME_1", PASSWORD, null, "x")
                                .join()
                                .getUser()
                                .getUsername())
                .isEqualTo("OLD_NAME_1");
        assertFails(
                anonymous().register("new_narne_1", PASSWORD, null, "x"), ErrorCode.USERNAME_TAKEN);
        assertFails(
                new ChatRequests(editor.client())
                        .editChat(
                                EditChat.newBuilder()
                                        .setChatId(c.getChat().getId())
                                        .setUsername("old_name_1")
                                        .build()),
                ErrorCode.USERNAME_OCCUPIED);
    }

    @Test
    void ofManySimultaneousRegistrationsOfLookAlikesExactlyOneWins() {
        String[] names = {
            "race_name_1",
            "RACE_NAME_1",
            "race_narne_1",
            "race_name_l",
            "RACE_NAME_I",
            "race_nam3_1"
        };
        List<RawConnection> conns = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            RawConnection c = server.track(RawConnection.open(server.uri()));
            conns.add(c);
            ids.add(
                    c.send(
                            ClientFrame.newBuilder()
                                    .setRegister(
                                            Register.newBuilder()
                                                    .setUsername(name)
                                                    .setPassword(PASSWORD)
                                                    .setDevice("race"))));
        }
        int won = 0;
        for (int i = 0; i < names.length; i++) {
            ServerFrame answer = answerTo(conns.get(i), ids.get(i));
            if (answer.hasAuthorization()) {
                won++;
            } else if (!names[i].equals("race_nam3_1")) {
                assertError(answer, ErrorCode.USERNAME_TAKEN);
            }
        }
        // race_nam3_1 does not read like the others, so it wins on its own
        assertThat(won).isEqualTo(2);
    }

    private static ServerFrame answerTo(RawConnection c, long id) {
        while (true) {
            ServerFrame f = c.next();
            if (f.getId() == id) {
                return f;
            }
        }
    }

    private static TestUser anonymousUser(String exactName) {
        ChaparClient c = anonymous();
        var auth = c.register(exactName, PASSWORD, null, "x").join();
        return new TestUser(c, auth.getUser(), exactName, PASSWORD, auth.getToken(), null);
    }
}
