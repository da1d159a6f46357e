package org.chapar.server.message;

import org.chapar.protocol.ErrorCode;
import org.chapar.protocol.Media;
import org.chapar.protocol.MediaKind;
import org.chapar.server.core.ApiException;
import org.chapar.server.media.UploadRecord;
import org.chapar.server.store.StoreTx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The media a send attaches, prepared before its write (a photo is cleaned and thumbnailed off the
 * writer): what every viewer sees, the files the message uses, and the uploads it uses up.
 */
public record Attachment(
        Media media, long groupedId, List<String> fileIds, List<String> uploadIds) {
    public static final int MAX_ALBUM = 10;

    /** A forward's media: the same files, counted once more, nothing copied. */
    public static Attachment forwarded(Media media) {
        List<String> files = new ArrayList<>();
        files.add(media.getFile().getId());
        if (media.hasPoster()) {
            files.add(media.getPoster().getId());
        }
        return new Attachment(media, 0, files, List.of());
    }

    /**
     * Inside the send's write, once the message is stored: the album holds at most {@link
     * #MAX_ALBUM} items, the uploads are the sender's and not used yet (then used up), and the
     * message counts as a user of its files.
     */
    void attachTo(StoreTx tx, long me, long chatId, long messageId) {
        if (groupedId != 0 && tx.messages().countInAlbum(chatId, groupedId) > MAX_ALBUM) {
            throw new ApiException(
                    ErrorCode.MEDIA_GROUP_INVALID, "An album has at most " + MAX_ALBUM + " items");
        }
        if (groupedId != 0) {
            checkGoesWithAlbum(tx, chatId);
        }
        List<String> used = new ArrayList<>();
        for (String id : uploadIds) {
            Optional<UploadRecord> u = tx.uploads().delete(id);
            if (u.isEmpty() || u.get().userId() != me || !u.get().finished()) {
                throw new ApiException(
                        ErrorCode.MEDIA_INVALID, "No finished upload of yours by that id");
            }
            used.add(u.get().fileId());
        }
        for (String file : fileIds) {
            if (tx.files().get(file).isEmpty()) { // a file sent again, purged since it was read
                throw new ApiException(ErrorCode.MEDIA_INVALID, "The file is gone");
            }
            tx.files().attach(chatId, messageId, file);
        }
        // an upload whose bytes were cleaned into another file leaves its raw file unused
        used.forEach(tx.files()::purgeIfUnused);
    }

    /** Photos and videos mix in an album; documents and audio each go only with their own kind. */
    private void checkGoesWithAlbum(StoreTx tx, long chatId) {
        long first = tx.messages().firstInAlbum(chatId, groupedId);
        Media firstMedia = tx.messages().get(chatId, first).map(MessageRecord::media).orElse(media);
        if (firstMedia != null && family(firstMedia.getKind()) != family(media.getKind())) {
            throw new ApiException(
                    ErrorCode.MEDIA_GROUP_INVALID,
                    "An album holds photos and videos, or documents only, or audio only");
        }
    }

    private static MediaKind family(MediaKind kind) {
        return kind == MediaKind.VIDEO ? MediaKind.PHOTO : kind;
    }
}
