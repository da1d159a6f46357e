package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.FileRef;
import org.chapar.protocol.Media;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Thumbnail;

/** How the CLI shows a message's media: kind, size, dimensions, duration, file name. */
final class MediaView {
    private MediaView() {}

    /** {@code [photo 1280x960, 245.1 KiB]}, or "" for a message without media. */
    static String text(Message m) {
        if (!m.hasMedia()) {
            return "";
        }
        Media media = m.getMedia();
        StringBuilder s = new StringBuilder("[").append(MediaKinds.name(media.getKind()));
        if (!media.getFile().getName().isEmpty()) {
            s.append(" \"").append(media.getFile().getName()).append('"');
        }
        if (media.getWidth() > 0 && media.getHeight() > 0) {
            s.append(' ').append(media.getWidth()).append('x').append(media.getHeight());
        }
        if (media.getDuration() > 0) {
            s.append(' ').append(duration(media.getDuration()));
        }
        if (media.getKind() == MediaKind.AUDIO && !media.getTitle().isEmpty()) {
            s.append(" \"").append(media.getPerformer()).append(" - ").append(media.getTitle());
            s.append('"');
        }
        s.append(", ").append(Progress.size(media.getFile().getSize()));
        if (m.getGroupedId() != 0) {
            s.append(", album");
        }
        return s.append(']').toString();
    }

    static void addFields(ObjectNode n, Message m) {
        if (m.getGroupedId() != 0) {
            n.put("grouped_id", m.getGroupedId());
        }
        if (!m.hasMedia()) {
            return;
        }
        Media media = m.getMedia();
        ObjectNode j = n.putObject("media");
        j.put("kind", MediaKinds.name(media.getKind()));
        j.set("file", file(media.getFile()));
        if (media.getWidth() > 0) {
            j.put("width", media.getWidth());
            j.put("height", media.getHeight());
        }
        if (media.getDuration() > 0) {
            j.put("duration", media.getDuration());
        }
        if (!media.getTitle().isEmpty()) {
            j.put("title", media.getTitle());
        }
        if (!media.getPerformer().isEmpty()) {
            j.put("performer", media.getPerformer());
        }
        if (!media.getWaveform().isEmpty()) {
            j.put("waveform", media.getWaveform().toByteArray());
        }
        if (media.getThumbnailsCount() > 0) {
            var thumbs = j.putArray("thumbnails");
            for (Thumbnail t : media.getThumbnailsList()) {
                thumbs.addObject()
                        .put("type", t.getType())
                        .put("width", t.getWidth())
                        .put("height", t.getHeight())
                        .put("size", t.getSize());
            }
        }
        if (media.hasPoster()) {
            j.set("poster", file(media.getPoster()));
        }
    }

    private static ObjectNode file(FileRef f) {
        ObjectNode j = JsonView.object();
        j.put("id", f.getId());
        j.put("size", f.getSize());
        j.put("mime_type", f.getMimeType());
        if (!f.getName().isEmpty()) {
            j.put("name", f.getName());
        }
        return j;
    }

    private static String duration(int seconds) {
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }
}
