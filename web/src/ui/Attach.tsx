// The composer's attachment: a file from the picker, a drop or a paste (or a recorded voice
// note) starts uploading at once by tus; the bar shows its progress with Cancel (termination) and,
// after a failure, Retry (which resumes from the server's offset). Send then waits for the upload
// and sends the media message with the text box as its caption.
import { useRef, useState } from "preact/hooks";
import { describeAudio, kindFor, uploadOf } from "../core/media";
import type { TusUpload } from "../core/tus";
import { MediaKind, type InputMedia } from "../gen/chapar/v1/chapar_pb";
import { locale, t } from "../i18n";
import { formatSize } from "../i18n/format";
import { errorText } from "./errors";
import { PaperclipIcon } from "./icons";

export interface Attachment {
  name: string;
  size: number;
  kind: MediaKind;
  sent: number;
  status: "uploading" | "ready" | "failed";
  error: string;
  upload: TusUpload;
  measured: Promise<{ duration: number; waveform: Uint8Array }>;
  /** The upload's id once every byte is on the server, with what the client measured. */
  done: Promise<Pick<InputMedia, "kind" | "uploadId" | "duration" | "waveform">>;
}

export interface Recorded {
  duration: number;
}

export function useAttachment() {
  const [att, setAtt] = useState<Attachment | null>(null);
  const current = useRef<Attachment | null>(null);
  const update = (a: Attachment | null) => {
    current.current = a;
    setAtt(a ? { ...a } : null);
  };

  function run(a: Attachment) {
    a.status = "uploading";
    a.error = "";
    a.done = Promise.all([a.upload.start(), a.measured]).then(
      ([uploadId, m]) => {
        if (current.current?.upload === a.upload) update(Object.assign(a, { status: "ready" }));
        return { kind: a.kind, uploadId, duration: m.duration, waveform: m.waveform };
      },
      (e) => {
        if (current.current?.upload === a.upload && e?.code !== "UPLOAD_CANCELLED") update(Object.assign(a, { status: "failed", error: errorText(e) }));
        throw e;
      },
    );
    a.done.catch(() => undefined);
    update(a);
  }

  /** Starts uploading file; a recorded voice note brings its own duration. */
  function attach(file: Blob, name: string, recorded?: Recorded) {
    void current.current?.upload.cancel().catch(() => undefined);
    const kind = kindFor(file.type, !!recorded);
    const upload = uploadOf(file, name, (sent) => {
      if (current.current?.upload === upload) update(Object.assign(current.current, { sent }));
    });
    const audio = kind === MediaKind.VOICE || kind === MediaKind.AUDIO;
    const measured = audio
      ? describeAudio(file).then((m) => (recorded && !m.duration ? { ...m, duration: recorded.duration } : m))
      : Promise.resolve({ duration: 0, waveform: new Uint8Array() });
    run({ name, size: file.size, kind, sent: 0, upload, measured } as Attachment);
  }

  function retry() {
    const a = current.current;
    if (a) run(a);
  }

  /** Cancels the upload (the server deletes its bytes) and clears the attachment. */
  function cancel() {
    const a = current.current;
    update(null);
    void a?.upload.cancel().catch(() => undefined);
  }

  /** After the message went: the attachment is the message's now. */
  function clear() {
    update(null);
  }

  return { att, attach, retry, cancel, clear };
}

/** The first file of a picker, a drop or a paste (one attachment at a time). */
export function firstFile(list: FileList | null | undefined): File | undefined {
  return list && list.length > 0 ? list[0] : undefined;
}

export function AttachButton({ onFile }: { onFile(f: File): void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="attach" onClick={() => input.current?.click()} aria-label={t("media.attach")} title={t("media.attach")}>
        <PaperclipIcon />
      </button>
      <input
        ref={input}
        type="file"
        class="sr-only"
        tabIndex={-1}
        aria-label={t("media.chooseFile")}
        onChange={(e) => {
          const f = firstFile(e.currentTarget.files);
          if (f) onFile(f);
          e.currentTarget.value = "";
        }}
      />
    </>
  );
}

export function AttachmentBar({ att, onCancel, onRetry }: { att: Attachment; onCancel(): void; onRetry(): void }) {
  const pct = att.size ? Math.round((100 * att.sent) / att.size) : 100;
  return (
    <div class="attachment" role="group" aria-label={t("media.attachment")}>
      <bdi class="name">{att.name}</bdi>
      <span class="size">{formatSize(locale(), att.size)}</span>
      <progress max={100} value={att.status === "ready" ? 100 : pct} aria-label={t("media.progress")} />
      {att.status === "ready" && <span role="status">{t("media.uploaded")}</span>}
      {att.status === "failed" && (
        <>
          <span role="alert">{att.error}</span>
          <button type="button" onClick={onRetry}>
            {t("media.retry")}
          </button>
        </>
      )}
      <button type="button" onClick={onCancel}>
        {t("media.cancelUpload")}
      </button>
    </div>
  );
}
