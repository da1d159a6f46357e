// A message's file: a photo as its thumbnail (a click opens the full view), video and audio in
// the browser's own players on signed URLs (the server answers their Range requests), anything
// else as a download link with its name and size. URLs come from GetFileUrl (same origin, so the
// CSP's 'self' covers them).
import { useEffect, useRef, useState } from "preact/hooks";
import type { Actions } from "../core/actions";
import type { MediaInfo } from "../core/model";
import { MediaKind } from "../gen/chapar/v1/chapar_pb";
import { locale, t } from "../i18n";
import { formatDuration, formatSize } from "../i18n/format";
import { FileIcon } from "./icons";

/** The signed URL of a file or thumbnail, once GetFileUrl answers (undefined until then). */
export function useFileUrl(actions: Actions, fileId: string, thumb = ""): string | undefined {
  const [url, setUrl] = useState(() => actions.files.peek(fileId, thumb));
  useEffect(() => {
    let live = true;
    actions.files.get(fileId, thumb).then(
      (u) => live && setUrl(u),
      () => live && setUrl(undefined),
    );
    return () => {
      live = false;
    };
  }, [fileId, thumb]);
  return url;
}

/** The thumbnail shown in the chat: "m" (320 px) when made, else the largest one, else the photo. */
function chatThumb(m: MediaInfo): string {
  if (m.thumbs.some((x) => x.type === "m")) return "m";
  return m.thumbs.length ? m.thumbs[m.thumbs.length - 1].type : "";
}

/** The full view: "y" (1280 px) or "x" when made, else the photo itself. */
function fullThumb(m: MediaInfo): string {
  return ["y", "x"].find((ty) => m.thumbs.some((x) => x.type === ty)) ?? "";
}

export function MediaView({ actions, media }: { actions: Actions; media: MediaInfo }) {
  switch (media.kind) {
    case MediaKind.PHOTO:
    case MediaKind.STICKER:
      return <Photo actions={actions} media={media} />;
    case MediaKind.VIDEO:
      return <Video actions={actions} media={media} />;
    case MediaKind.VOICE:
    case MediaKind.AUDIO:
      return <Audio actions={actions} media={media} />;
    default:
      return <Document actions={actions} media={media} />;
  }
}

function Photo({ actions, media }: { actions: Actions; media: MediaInfo }) {
  const thumb = media.kind === MediaKind.STICKER ? "" : chatThumb(media);
  const url = useFileUrl(actions, media.fileId, thumb);
  const [open, setOpen] = useState(false);
  const size = media.thumbs.find((x) => x.type === thumb) ?? media;
  return (
    <>
      <button type="button" class="photo" onClick={() => setOpen(true)} aria-label={t("media.openPhoto")}>
        {url ? <img src={url} width={size.width || undefined} height={size.height || undefined} alt={t("media.photo")} /> : <span class="placeholder">{t("media.loading")}</span>}
      </button>
      {open && <PhotoViewer actions={actions} media={media} onClose={() => setOpen(false)} />}
    </>
  );
}

function PhotoViewer({ actions, media, onClose }: { actions: Actions; media: MediaInfo; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const url = useFileUrl(actions, media.fileId, fullThumb(media));
  useEffect(() => {
    // a modal <dialog>: Esc closes it, focus stays inside, the page behind is inert
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} class="viewer" aria-label={t("media.viewer")} onClose={onClose} onClick={(e) => e.target === ref.current && ref.current?.close()}>
      <button type="button" class="close" onClick={() => ref.current?.close()} aria-label={t("media.close")}>
        ×
      </button>
      {url && <img src={url} alt={t("media.photo")} />}
    </dialog>
  );
}

function Video({ actions, media }: { actions: Actions; media: MediaInfo }) {
  const url = useFileUrl(actions, media.fileId);
  const posterThumb = media.thumbs.length ? chatThumb(media) : "";
  const poster = useFileUrl(actions, media.fileId, posterThumb);
  if (!url) return <span class="placeholder">{t("media.loading")}</span>;
  return <video class="video" controls preload="metadata" src={url} poster={posterThumb ? poster : undefined} width={media.width || undefined} aria-label={t("media.video")} />;
}

function Audio({ actions, media }: { actions: Actions; media: MediaInfo }) {
  const url = useFileUrl(actions, media.fileId);
  const label = media.kind === MediaKind.VOICE ? t("media.voice") : media.title || media.name || t("media.audio");
  return (
    <span class="audio">
      <span class="label" dir="auto">
        {label}
        {media.duration > 0 && <span class="dur"> {formatDuration(locale(), media.duration)}</span>}
      </span>
      {url && <audio controls preload="metadata" src={url} aria-label={label} />}
    </span>
  );
}

function Document({ actions, media }: { actions: Actions; media: MediaInfo }) {
  const url = useFileUrl(actions, media.fileId);
  const name = media.name || t("media.file");
  return (
    <span class="document">
      <FileIcon />
      {url ? (
        <a href={url} download={name} dir="auto">
          {name}
        </a>
      ) : (
        <bdi>{name}</bdi>
      )}
      <span class="size">{formatSize(locale(), media.size)}</span>
    </span>
  );
}
