package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.client.BotRequests;
import org.chapar.client.ChaparClient;
import org.chapar.protocol.CallbackAnswer;
import org.chapar.protocol.KeyboardButton;
import org.chapar.protocol.Message;
import org.chapar.protocol.SentMessage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code press CHAT MESSAGE_ID BUTTON}: presses a bot's button by its text, as a tap does in a
 * Telegram app. An inline button with callback data goes to the bot, and what the bot answers is
 * printed; a link button prints its link (nothing is opened); a reply-keyboard button sends its
 * text to the chat.
 */
@Command(
        name = "press",
        description = "Press a bot's button under a message (by the button's text).")
final class PressCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.HELP)
    String with;

    @Parameters(index = "1", paramLabel = "MESSAGE_ID", description = "The message's id.")
    long messageId;

    @Parameters(index = "2", paramLabel = "BUTTON", description = "The button's text.")
    String label;

    @Override
    public Integer call() {
        try (ChaparClient c = connectLoggedIn(false)) {
            ChatTargets.Target target = ChatTargets.resolve(c, with);
            Message m = ChatTargets.message(c, target, messageId);
            ButtonsView.Found found =
                    ButtonsView.find(m, label)
                            .orElseThrow(
                                    () ->
                                            new Failures.CliFailure(
                                                    "BUTTON_NOT_FOUND",
                                                    "message #"
                                                            + messageId
                                                            + " has no button '"
                                                            + label
                                                            + "'",
                                                    1));
            KeyboardButton b = found.button();
            ObjectNode j = JsonView.object().put("button", b.getText());
            if (!found.inline()) {
                SentMessage sent = await(c.sendMessage(target.peer(), b.getText()));
                j.put("sent", sent.getMessage().getId());
                print(j, "Sent '" + b.getText() + "' as #" + sent.getMessage().getId());
            } else if (!b.getUrl().isEmpty()) {
                j.put("url", b.getUrl());
                print(j, "Link: " + b.getUrl());
            } else if (!b.getCallbackData().isEmpty()) {
                CallbackAnswer a =
                        await(
                                new BotRequests(c)
                                        .pressButton(
                                                target.peer(), messageId, b.getCallbackData()));
                j.put("answered", a.getAnswered())
                        .put("text", a.getText())
                        .put("alert", a.getAlert());
                if (!a.getUrl().isEmpty()) {
                    j.put("url", a.getUrl());
                }
                print(j, answer(a));
            } else {
                throw new Failures.CliFailure(
                        "BUTTON_UNSUPPORTED",
                        "'" + label + "' is not a button the CLI can press",
                        1);
            }
        }
        return 0;
    }

    private static String answer(CallbackAnswer a) {
        if (!a.getAnswered()) {
            return "Pressed; the bot did not answer in time";
        }
        String text =
                a.getText().isEmpty() ? "Pressed" : (a.getAlert() ? "Alert: " : "") + a.getText();
        return a.getUrl().isEmpty() ? text : text + " (" + a.getUrl() + ")";
    }
}
