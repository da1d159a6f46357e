package org.chapar.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.client.ChaparClient;
import org.chapar.client.ChaparException;
import org.chapar.client.media.UploadResumeStore;
import org.chapar.client.media.UploadedFile;
import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.InputMedia;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.SentMessage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code send --file} and {@code download}: transfers with progress on stderr that resume when run
 * again (uploads by the tus URL kept in the profile's {@code uploads/}, downloads from the {@code
 * .part} file beside the target).
 */
final class MediaCommands {
    private MediaCommands() {}

    /** What {@code send CHAT --file PATH} was given. */
    record FileToSend(Path file, String caption, String as, int duration, int width, int height) {}

    static void send(ClientCommand cmd, ChaparClient c, ChatTargets.Target target, FileToSend f) {
        if (!Files.isRegularFile(f.file())) {
            throw new Failures.CliFailure("FILE_NOT_FOUND", "no file at " + f.file(), 1);
        }
        MediaKind kind = f.as() != null ? MediaKinds.parse(f.as()) : MediaKinds.infer(f.file());
        UploadResumeStore resume =
                UploadResumeStore.directory(cmd.profile().dir().resolve("uploads"));
        Progress progress =
                Progress.of("upload " + f.file().getFileName(), cmd.terminal(), cmd.json());
        UploadedFile upload;
        try {
            upload =
                    c.media()
                            .upload(
                                    f.file(),
                                    f.file().getFileName().toString(),
                                    MediaKinds.mime(f.file()),
                                    resume,
                                    progress);
        } finally {
            progress.finish();
        }
        InputMedia media =
                InputMedia.newBuilder()
                        .setKind(kind)
                        .setUploadId(upload.uploadId())
                        .setDuration(f.duration())
                        .setWidth(f.width())
                        .setHeight(f.height())
                        .build();
        SentMessage s;
        try {
            s = ClientCommand.await(c.sendMedia(target.peer(), media, f.caption(), 0));
        } catch (ChaparException e) {
            if (e.getCode() != ErrorCode.IMAGE_INVALID && e.getCode() != ErrorCode.MEDIA_INVALID) {
                throw e;
            }
            // Refused for its content (or the upload is spent): uploading the same again cannot
            // help, so the next run starts afresh.
            c.media().forget(upload, resume);
            throw e;
        }
        c.media().forget(upload, resume);
        ObjectNode j = JsonView.object();
        j.set("message", JsonView.message(s.getMessage()));
        j.put("pts", s.getPts());
        cmd.print(
                j,
                "Sent #"
                        + s.getMessage().getId()
                        + " to "
                        + target.label()
                        + ": "
                        + MediaView.text(s.getMessage()));
    }

    @Command(
            name = "download",
            description = {
                "Download the file of a media message.",
                "An interrupted download resumes where it stopped when run again with the same"
                        + " output path; the file appears only once complete."
            })
    static final class Download extends ClientCommand {
        @Parameters(index = "0", paramLabel = "CHAT", description = ChatTargets.HELP)
        String with;

        @Parameters(index = "1", paramLabel = "MESSAGE_ID", description = "The message's id.")
        long messageId;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "PATH",
                description =
                        "Where to write the file (a directory: the original name in it). Default:"
                                + " the original name in the current directory.")
        Path output;

        @Option(names = "--force", description = "Replace a file that is already at the path.")
        boolean force;

        @Override
        public Integer call() {
            try (ChaparClient c = connectLoggedIn(false)) {
                ChatTargets.Target target = ChatTargets.resolve(c, with);
                Message m = find(c, target);
                Path out = outputFor(m);
                if (Files.exists(out) && !force) {
                    throw new Failures.CliFailure(
                            "FILE_EXISTS", out + " exists; pass --force to replace it", 1);
                }
                Progress progress =
                        Progress.of("download " + out.getFileName(), terminal(), json());
                try {
                    c.media().download(m.getMedia().getFile().getId(), out, progress);
                } finally {
                    progress.finish();
                }
                ObjectNode j = JsonView.object();
                j.put("path", out.toString());
                j.put("size", m.getMedia().getFile().getSize());
                j.set("message", JsonView.message(m));
                print(j, "Saved " + MediaView.text(m) + " to " + out);
            }
            return 0;
        }

        private Message find(ChaparClient c, ChatTargets.Target target) {
            Message m = ChatTargets.message(c, target, messageId);
            if (!m.hasMedia()) {
                throw new Failures.CliFailure(
                        "NO_MEDIA", "message #" + messageId + " has no file to download", 1);
            }
            return m;
        }

        private Path outputFor(Message m) {
            String name = safeName(m.getMedia().getFile().getName());
            if (name == null) {
                name =
                        MediaKinds.defaultName(
                                m.getMedia().getKind(),
                                m.getId(),
                                m.getMedia().getFile().getMimeType());
            }
            if (output == null) {
                return Path.of(name);
            }
            return Files.isDirectory(output) ? output.resolve(name) : output;
        }

        /** The sender's file name, if it is one plain name (no path, no control characters). */
        static String safeName(String name) {
            if (name == null || name.isBlank() || name.equals(".") || name.equals("..")) {
                return null;
            }
            for (int i = 0; i < name.length(); i++) {
                char ch = name.charAt(i);
                if (ch == '/' || ch == '\\' || Character.isISOControl(ch)) {
                    return null;
                }
            }
            return name;
        }
    }
}
