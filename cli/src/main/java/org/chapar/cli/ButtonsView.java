package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.KeyboardButton;
import org.chapar.protocol.KeyboardRow;
import org.chapar.protocol.Message;
import org.chapar.protocol.ReplyMarkup;

import java.util.List;
import java.util.Optional;

/**
 * A bot's buttons under a message, for people and for scripts: inline buttons as {@code [text]}
 * (links as {@code [text -> url]}) a row to a line, a reply keyboard as {@code keyboard: [a] [b]};
 * and the one button a {@code press} names.
 */
final class ButtonsView {
    private ButtonsView() {}

    /** Lines to print under the message; empty when it has no buttons. */
    static String text(Message m) {
        if (!m.hasReplyMarkup()) {
            return "";
        }
        ReplyMarkup markup = m.getReplyMarkup();
        StringBuilder out = new StringBuilder();
        for (KeyboardRow row : markup.getInlineRowsList()) {
            out.append("\n   ");
            for (KeyboardButton b : row.getButtonsList()) {
                out.append(" [").append(b.getText());
                if (!b.getUrl().isEmpty()) {
                    out.append(" -> ").append(b.getUrl());
                }
                out.append(']');
            }
        }
        if (markup.getKeyboardRowsCount() > 0) {
            out.append("\n    keyboard:");
            for (KeyboardRow row : markup.getKeyboardRowsList()) {
                for (KeyboardButton b : row.getButtonsList()) {
                    out.append(" [").append(b.getText()).append(']');
                }
            }
        }
        return out.toString();
    }

    static void addFields(ObjectNode n, Message m) {
        if (!m.hasReplyMarkup()) {
            return;
        }
        ReplyMarkup markup = m.getReplyMarkup();
        if (markup.getInlineRowsCount() > 0) {
            n.set("inline_keyboard", rows(markup.getInlineRowsList()));
        }
        if (markup.getKeyboardRowsCount() > 0) {
            n.set("keyboard", rows(markup.getKeyboardRowsList()));
        }
    }

    private static ArrayNode rows(List<KeyboardRow> rows) {
        ArrayNode out = JsonView.mapper().createArrayNode();
        for (KeyboardRow row : rows) {
            ArrayNode r = out.addArray();
            for (KeyboardButton b : row.getButtonsList()) {
                ObjectNode j = r.addObject().put("text", b.getText());
                if (!b.getCallbackData().isEmpty()) {
                    j.put("callback_data", b.getCallbackData());
                }
                if (!b.getUrl().isEmpty()) {
                    j.put("url", b.getUrl());
                }
            }
        }
        return out;
    }

    /** A button found for {@code press}, inline or on the reply keyboard. */
    record Found(KeyboardButton button, boolean inline) {}

    /** The first button whose text is {@code label} (inline buttons first). */
    static Optional<Found> find(Message m, String label) {
        ReplyMarkup markup = m.getReplyMarkup();
        for (KeyboardRow row : markup.getInlineRowsList()) {
            for (KeyboardButton b : row.getButtonsList()) {
                if (b.getText().equals(label)) {
                    return Optional.of(new Found(b, true));
                }
            }
        }
        for (KeyboardRow row : markup.getKeyboardRowsList()) {
            for (KeyboardButton b : row.getButtonsList()) {
                if (b.getText().equals(label)) {
                    return Optional.of(new Found(b, false));
                }
            }
        }
        return Optional.empty();
    }
}
