package org.chapar.cli;

import static org.chapar.cli.ClientCommand.await;

import org.chapar.client.ChaparClient;
import org.chapar.protocol.DialogList;
import org.chapar.protocol.Message;
import org.chapar.protocol.MessageList;
import org.chapar.protocol.Peer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads of any length over the protocol's pages of at most {@link #PAGE} entries: a CLI user asks
 * for what they want, the CLI asks the server as often as it takes.
 */
final class Pages {

    /** The protocol's largest page for GetHistory and GetDialogs. */
    static final int PAGE = 100;

    private Pages() {}

    /** A page count that is not positive is a usage error, not a protocol one. */
    static int positive(int limit) {
        if (limit < 1) {
            throw Failures.usage("--limit must be a positive number, got " + limit);
        }
        return limit;
    }

    /**
     * Up to {@code limit} messages, oldest first: with {@code after} 0, the newest ones below
     * {@code before} (0: the newest of all); else the oldest ones above {@code after} (and below
     * {@code before} when it is not 0).
     */
    static MessageList history(ChaparClient c, Peer peer, long before, long after, int limit) {
        MessageList.Builder all = MessageList.newBuilder();
        List<Message> found =
                after > 0
                        ? forward(c, peer, before, after, limit, all)
                        : backward(c, peer, before, limit, all);
        found.sort(Comparator.comparingLong(Message::getId));
        return all.addAllMessages(found).build();
    }

    /** Newest first, as the protocol pages: each page starts below the last one's oldest. */
    private static List<Message> backward(
            ChaparClient c, Peer peer, long before, int limit, MessageList.Builder all) {
        List<Message> found = new ArrayList<>();
        long offset = before;
        while (found.size() < limit) {
            int want = Math.min(PAGE, limit - found.size());
            MessageList page = await(c.getHistory(peer, offset, want));
            all.addAllUsers(page.getUsersList());
            found.addAll(page.getMessagesList());
            if (page.getMessagesCount() < want) {
                break;
            }
            offset = page.getMessages(page.getMessagesCount() - 1).getId();
        }
        return found;
    }

    /**
     * Ids grow by one per chat, so the {@code n} ids above {@code low} hold at most {@code n}
     * messages, and "the newest {@code n} below {@code low + n + 1}" returns every one of them the
     * caller can see: the window moves up until it has enough or passes the newest message.
     */
    private static List<Message> forward(
            ChaparClient c,
            Peer peer,
            long before,
            long after,
            int limit,
            MessageList.Builder all) {
        List<Message> found = new ArrayList<>();
        MessageList newest = await(c.getHistory(peer, before, 1));
        if (newest.getMessagesCount() == 0) {
            return found;
        }
        long top = newest.getMessages(0).getId();
        long low = after;
        while (found.size() < limit && low < top) {
            int want = (int) Math.min(Math.min(PAGE, limit - found.size()), top - low);
            MessageList page = await(c.getHistory(peer, low + want + 1, want));
            all.addAllUsers(page.getUsersList());
            for (Message m : page.getMessagesList().reversed()) {
                if (m.getId() > low && found.size() < limit) {
                    found.add(m);
                }
            }
            low += want;
        }
        return found;
    }

    /** Up to {@code limit} chats, most recent first. */
    static DialogList dialogs(ChaparClient c, int limit) {
        DialogList.Builder all = DialogList.newBuilder();
        String offset = "";
        while (all.getDialogsCount() < limit) {
            int want = Math.min(PAGE, limit - all.getDialogsCount());
            DialogList page = await(c.getDialogs(offset, want));
            all.addAllDialogs(page.getDialogsList())
                    .addAllMessages(page.getMessagesList())
                    .addAllUsers(page.getUsersList());
            offset = page.getNextOffset();
            if (offset.isEmpty() || page.getDialogsCount() == 0) {
                break;
            }
        }
        return all.build();
    }
}
