package org.chapar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chapar.protocol.FileRef;
import org.chapar.protocol.Media;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.Message;
import org.chapar.protocol.Thumbnail;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** How media messages read in history and listen, and how the CLI names kinds and files. */
class MediaViewTest {

    private static Message photo(String caption) {
        return Message.newBuilder()
                .setId(12)
                .setDate(1_700_000_000)
                .setOut(true)
                .setText(caption)
                .setGroupedId(77)
                .setMedia(
                        Media.newBuilder()
                                .setKind(MediaKind.PHOTO)
                                .setWidth(1280)
                                .setHeight(960)
                                .setFile(
                                        FileRef.newBuilder()
                                                .setId("f1")
                                                .setSize(250_982)
                                                .setMimeType("image/jpeg"))
                                .addThumbnails(
                                        Thumbnail.newBuilder()
                                                .setType("s")
                                                .setWidth(90)
                                                .setHeight(68)
                                                .setSize(2_000)))
                .build();
    }

    @Test
    void aPhotoShowsItsKindDimensionsSizeAndCaption() {
        assertThat(TextView.message(photo("the sea"), new Names()))
                .endsWith("you: [photo 1280x960, 245.1 KiB, album] the sea");
    }

    @Test
    void aDocumentShowsItsNameAndAVoiceNoteItsDuration() {
        Message doc =
                Message.newBuilder()
                        .setId(3)
                        .setOut(true)
                        .setMedia(
                                Media.newBuilder()
                                        .setKind(MediaKind.DOCUMENT)
                                        .setFile(
                                                FileRef.newBuilder()
                                                        .setName("report.pdf")
                                                        .setSize(10)))
                        .build();
        assertThat(MediaView.text(doc)).isEqualTo("[document \"report.pdf\", 10 B]");
        Message voice =
                doc.toBuilder()
                        .setMedia(
                                Media.newBuilder()
                                        .setKind(MediaKind.VOICE)
                                        .setDuration(75)
                                        .setFile(FileRef.newBuilder().setSize(3 << 20)))
                        .build();
        assertThat(MediaView.text(voice)).isEqualTo("[voice 1:15, 3.0 MiB]");
    }

    @Test
    void jsonCarriesTheMediaFields() {
        ObjectNode j = JsonView.message(photo("cap"));
        assertThat(j.get("grouped_id").asLong()).isEqualTo(77);
        assertThat(j.at("/media/kind").asText()).isEqualTo("photo");
        assertThat(j.at("/media/width").asInt()).isEqualTo(1280);
        assertThat(j.at("/media/file/id").asText()).isEqualTo("f1");
        assertThat(j.at("/media/file/size").asLong()).isEqualTo(250_982);
        assertThat(j.at("/media/thumbnails/0/type").asText()).isEqualTo("s");
        assertThat(j.get("text").asText()).isEqualTo("cap");
    }

    @Test
    void theKindIsInferredFromTheExtensionAndDocumentOtherwise() {
        assertThat(MediaKinds.infer(Path.of("a/IMG_1.JPG"))).isEqualTo(MediaKind.PHOTO);
        assertThat(MediaKinds.infer(Path.of("clip.mp4"))).isEqualTo(MediaKind.VIDEO);
        assertThat(MediaKinds.infer(Path.of("note.ogg"))).isEqualTo(MediaKind.VOICE);
        assertThat(MediaKinds.infer(Path.of("song.mp3"))).isEqualTo(MediaKind.AUDIO);
        assertThat(MediaKinds.infer(Path.of("archive.tar.gz"))).isEqualTo(MediaKind.DOCUMENT);
        assertThat(MediaKinds.infer(Path.of("Makefile"))).isEqualTo(MediaKind.DOCUMENT);
        assertThat(MediaKinds.mime(Path.of("x.png"))).isEqualTo("image/png");
        assertThat(MediaKinds.parse("Voice")).isEqualTo(MediaKind.VOICE);
        assertThatThrownBy(() -> MediaKinds.parse("gif")).hasMessageContaining("--as takes");
    }

    @Test
    void aSendersFileNameIsUsedOnlyWhenItIsOnePlainName() {
        assertThat(MediaCommands.Download.safeName("report.pdf")).isEqualTo("report.pdf");
        assertThat(MediaCommands.Download.safeName("../../.bashrc")).isNull();
        assertThat(MediaCommands.Download.safeName("..")).isNull();
        assertThat(MediaCommands.Download.safeName("a\u001b[2Jb")).isNull();
        assertThat(MediaCommands.Download.safeName("")).isNull();
        assertThat(MediaKinds.defaultName(MediaKind.PHOTO, 12, "image/jpeg"))
                .isEqualTo("photo-12.jpg");
    }
}
