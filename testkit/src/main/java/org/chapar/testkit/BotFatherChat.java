package org.chapar.testkit;

import org.chapar.client.Peers;
import org.chapar.protocol.Message;
import org.chapar.protocol.Peer;
import org.chapar.protocol.Update;
import org.chapar.protocol.User;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A user's private chat with @BotFather: {@code father.say("/newbot")} sends the text and returns
 * BotFather's answer to it.
 */
public final class BotFatherChat {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final TestUser user;
    private final User father;
    private final Peer peer;

    BotFatherChat(TestUser user) {
        this.user = user;
        this.father = user.client().resolveUsername("BotFather").join();
        this.peer = Peers.user(father);
    }

    /** BotFather's account as this user sees it. */
    public User father() {
        return father;
    }

    /** Sends the text and waits for BotFather's next message, which it returns. */
    public Message say(String text) {
        Predicate<Update> fromFather =
                u ->
                        u.hasNewMessage()
                                && u.getNewMessage().getMessage().getFromId() == father.getId();
        int before = (int) user.updates().all().stream().filter(fromFather).count();
        user.client().sendMessage(peer, text).join();
        List<Update> answers = user.updates().await(fromFather, before + 1, WAIT);
        return answers.get(before).getNewMessage().getMessage();
    }

    /** {@link #say}, and the answer's text. */
    public String ask(String text) {
        return say(text).getText();
    }
}
