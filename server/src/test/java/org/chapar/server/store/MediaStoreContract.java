package org.chapar.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ChatKind;
import org.chapar.protocol.Media;
import org.chapar.protocol.MediaKind;
import org.chapar.protocol.MemberStatus;
import org.chapar.server.chat.ChatRecord;
import org.chapar.server.chat.MemberRecord;
import org.chapar.server.media.FileRecord;
import org.chapar.server.media.ThumbRecord;
import org.chapar.server.media.UploadRecord;
import org.chapar.server.message.MessageRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

/** What every storage adapter must do for uploads, files, content and the messages using them. */
public abstract class MediaStoreContract extends StoreFixture {

    private static UploadRecord upload(String id, long user, long expires) {
        return new UploadRecord(
                id, user, 100, 0, "filename YS50eHQ=", "a.txt", "text/plain", 1, expires, null);
    }

    private static FileRecord file(String id, String sha) {
        return new FileRecord(id, sha, null, 100, "text/plain", "a.txt", 0, 0, 1, 0);
    }

    private void run(java.util.function.Consumer<StoreTx> work) {
        write(
                tx -> {
                    work.accept(tx);
                    return null;
                });
    }

    @Test
    void anUploadAdvancesOnlyFromTheOffsetItHas() {
        run(tx -> tx.uploads().create(upload("up-1", 7, 1000)));
        assertThat(this.<Boolean>write(tx -> tx.uploads().advance("up-1", 0, 40, 2000))).isTrue();
        assertThat(this.<Boolean>write(tx -> tx.uploads().advance("up-1", 0, 50, 2000))).isFalse();
        UploadRecord u = read(tx -> tx.uploads().get("up-1")).orElseThrow();
        assertThat(u.received()).isEqualTo(40);
        assertThat(u.expires()).isEqualTo(2000);
        assertThat(u.finished()).isFalse();
        assertThat(this.<Integer>read(tx -> tx.uploads().countOpen(7, 1500))).isEqualTo(1);
        assertThat(this.<Integer>read(tx -> tx.uploads().countOpen(7, 2500))).isZero();
        assertThat(this.<Integer>read(tx -> tx.uploads().countOpen(8, 1500))).isZero();
        run(tx -> tx.uploads().finish("up-1", "file-1", 9000));
        assertThat(read(tx -> tx.uploads().get("up-1")).orElseThrow().fileId()).isEqualTo("file-1");
        assertThat(this.<Boolean>write(tx -> tx.uploads().advance("up-1", 40, 100, 2000)))
                .isFalse();
    }

    @Test
    void expiredUploadsAreListedOldestFirstAndDeletedOnce() {
        run(
                tx -> {
                    tx.uploads().create(upload("up-b", 7, 300));
                    tx.uploads().create(upload("up-a", 7, 200));
                    tx.uploads().create(upload("up-c", 7, 5000));
                });
        assertThat(this.<List<UploadRecord>>read(tx -> tx.uploads().expired(1000, 10)))
                .extracting(UploadRecord::id)
                .containsExactly("up-a", "up-b");
        assertThat(this.<Optional<UploadRecord>>write(tx -> tx.uploads().delete("up-a")))
                .isPresent();
        assertThat(this.<Optional<UploadRecord>>write(tx -> tx.uploads().delete("up-a"))).isEmpty();
    }

    /** Two copies of one content: the second is queued for purge, the first serves both files. */
    @Test
    void contentIsStoredOnceAndItsLastUserPurgesIt() {
        String first = write(tx -> tx.files().adoptBlob("sha-1", "key-first", 100));
        String second = write(tx -> tx.files().adoptBlob("sha-1", "key-second", 100));
        assertThat(first).isEqualTo("key-first");
        assertThat(second).isEqualTo("key-first");
        assertThat(this.<List<String>>read(tx -> tx.files().blobPurges(10)))
                .containsExactly("key-second");
        run(tx -> tx.files().blobPurged("key-second"));

        long chat = write(tx -> tx.chats().privateChat(1, 2, 10));
        run(
                tx -> {
                    tx.files().create(file("file-a", "sha-1"));
                    tx.files().create(file("file-b", "sha-1"));
                    tx.messages().insert(MessageRecord.posted(chat, 1, 1, 10, "", 0));
                    tx.messages().insert(MessageRecord.posted(chat, 2, 1, 10, "", 0));
                    tx.files().attach(chat, 1, "file-a");
                    tx.files().attach(chat, 1, "file-a");
                    tx.files().attach(chat, 2, "file-b");
                });
        assertThat(read(tx -> tx.files().get("file-a")).orElseThrow().refs()).isEqualTo(1);
        assertThat(read(tx -> tx.files().get("file-a")).orElseThrow().blobKey())
                .isEqualTo("key-first");

        run(tx -> tx.messages().delete(chat, List.of(1L)));
        assertThat(this.<Optional<FileRecord>>read(tx -> tx.files().get("file-a"))).isEmpty();
        assertThat(this.<List<String>>read(tx -> tx.files().blobPurges(10))).isEmpty();

        run(tx -> tx.messages().delete(chat, List.of(2L)));
        assertThat(this.<Optional<FileRecord>>read(tx -> tx.files().get("file-b"))).isEmpty();
        assertThat(this.<List<String>>read(tx -> tx.files().blobPurges(10)))
                .containsExactly("key-first");
    }

    @Test
    void aFileWithAnUploadRecordOrThumbnailsIsPurgedWhole() {
        run(
                tx -> {
                    tx.files().adoptBlob("sha-main", "key-main", 100);
                    tx.files().adoptBlob("sha-thumb", "key-thumb", 10);
                    tx.files().create(file("file-t", "sha-main"));
                    tx.files()
                            .addThumb(
                                    new ThumbRecord("file-t", "s", "sha-thumb", null, 90, 60, 10));
                    tx.uploads().create(upload("up-t", 7, 1000));
                    tx.uploads().finish("up-t", "file-t", 1000);
                });
        assertThat(this.<List<ThumbRecord>>read(tx -> tx.files().thumbs("file-t")))
                .extracting(ThumbRecord::blobKey)
                .containsExactly("key-thumb");
        assertThat(this.<Boolean>write(tx -> tx.files().purgeIfUnused("file-t"))).isFalse();
        run(tx -> tx.uploads().delete("up-t"));
        assertThat(this.<Boolean>write(tx -> tx.files().purgeIfUnused("file-t"))).isTrue();
        assertThat(this.<List<ThumbRecord>>read(tx -> tx.files().thumbs("file-t"))).isEmpty();
        assertThat(this.<List<String>>read(tx -> tx.files().blobPurges(10)))
                .containsExactlyInAnyOrder("key-main", "key-thumb");
    }

    @Test
    void aFileIsVisibleToThoseWhoSeeAMessageUsingIt() {
        long priv = write(tx -> tx.chats().privateChat(1, 2, 10));
        long channel =
                write(
                        tx ->
                                tx.sharedChats()
                                        .create(
                                                new ChatRecord(
                                                        0,
                                                        ChatKind.CHANNEL,
                                                        "c",
                                                        "",
                                                        "",
                                                        1,
                                                        false,
                                                        0,
                                                        0,
                                                        0,
                                                        0,
                                                        0,
                                                        1)));
        run(
                tx -> {
                    tx.files().adoptBlob("sha-v", "key-v", 100);
                    tx.files().create(file("file-p", "sha-v"));
                    tx.files().create(file("file-c", "sha-v"));
                    tx.messages().insert(MessageRecord.posted(priv, 1, 1, 10, "", 0));
                    tx.files().attach(priv, 1, "file-p");
                    tx.messages().insert(MessageRecord.posted(channel, 1, 0, 10, "", 0));
                    tx.files().attach(channel, 1, "file-c");
                    tx.members().put(MemberRecord.joined(channel, 1, MemberStatus.CREATOR, 1, 0));
                    tx.members().put(MemberRecord.joined(channel, 4, MemberStatus.MEMBER, 1, 0));
                    tx.members().put(MemberRecord.joined(channel, 5, MemberStatus.BANNED, 1, 0));
                    tx.members().put(MemberRecord.joined(channel, 6, MemberStatus.LEFT, 1, 0));
                });
        assertThat(visible("file-p", 1)).isTrue();
        assertThat(visible("file-p", 2)).isTrue();
        assertThat(visible("file-p", 3)).isFalse();
        assertThat(visible("file-c", 1)).isTrue();
        assertThat(visible("file-c", 4)).isTrue();
        assertThat(visible("file-c", 5)).isFalse();
        assertThat(visible("file-c", 6)).isFalse();
        assertThat(visible("file-c", 2)).isFalse();
        assertThat(visible("no-such-file", 1)).isFalse();
        run(tx -> tx.messages().hide(2, priv, List.of(1L)));
        assertThat(visible("file-p", 2)).isFalse();
        assertThat(visible("file-p", 1)).isTrue();
    }

    @Test
    void anAlbumsFirstItemIsItsLowestId() {
        long priv = write(tx -> tx.chats().privateChat(1, 2, 10));
        Media photo = Media.newBuilder().setKind(MediaKind.PHOTO).build();
        run(
                tx -> {
                    tx.messages().insert(MessageRecord.posted(priv, 1, 1, 10, "", 0));
                    tx.messages()
                            .insert(
                                    MessageRecord.posted(priv, 2, 1, 10, "", 0)
                                            .withMedia(photo, 77));
                    tx.messages()
                            .insert(
                                    MessageRecord.posted(priv, 3, 1, 10, "", 0)
                                            .withMedia(photo, 77));
                });
        long first = read(tx -> tx.messages().firstInAlbum(priv, 77));
        long none = read(tx -> tx.messages().firstInAlbum(priv, 78));
        int count = read(tx -> tx.messages().countInAlbum(priv, 77));
        assertThat(first).isEqualTo(2);
        assertThat(none).isZero();
        assertThat(count).isEqualTo(2);
    }

    private boolean visible(String file, long user) {
        return read(tx -> tx.files().visibleTo(file, user));
    }
}
