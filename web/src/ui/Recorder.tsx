// Recording a voice note with MediaRecorder: "Record voice" asks for the microphone (the server's
// Permissions-Policy allows it for this origin only) and "Stop" hands the recording, with its
// length, to the composer as a VOICE attachment. Nothing is played back locally, so no blob: URL
// (and no CSP exception) is needed.
import { useEffect, useRef, useState } from "preact/hooks";
import { locale, t } from "../i18n";
import { formatDuration } from "../i18n/format";
import { MicIcon, StopIcon } from "./icons";

const TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];

export function recordingSupported(): boolean {
  return typeof MediaRecorder !== "undefined" && !!navigator.mediaDevices?.getUserMedia;
}

export function RecordButton({ onRecorded, onError }: { onRecorded(b: Blob, seconds: number): void; onError(message: string): void }) {
  const [started, setStarted] = useState(0);
  const [now, setNow] = useState(0);
  const rec = useRef<MediaRecorder | null>(null);

  useEffect(() => {
    if (!started) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [started]);
  // leaving the chat mid-recording stops the microphone
  useEffect(() => () => rec.current?.stream.getTracks().forEach((tr) => tr.stop()), []);

  async function start() {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      onError(t("media.micDenied"));
      return;
    }
    const mimeType = TYPES.find((ty) => MediaRecorder.isTypeSupported(ty));
    const r = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    const at = Date.now();
    r.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    r.onstop = () => {
      stream.getTracks().forEach((tr) => tr.stop());
      rec.current = null;
      setStarted(0);
      const blob = new Blob(chunks, { type: (r.mimeType || mimeType || "audio/webm").split(";")[0] });
      if (blob.size) onRecorded(blob, Math.max(1, Math.round((Date.now() - at) / 1000)));
    };
    rec.current = r;
    r.start(250);
    setStarted(at);
    setNow(at);
  }

  if (!recordingSupported()) return null;
  return started ? (
    <button type="button" class="record on" onClick={() => rec.current?.stop()} aria-label={t("media.stopRecording")}>
      <StopIcon /> <span aria-live="polite">{formatDuration(locale(), (now - started) / 1000)}</span>
    </button>
  ) : (
    <button type="button" class="record" onClick={start} aria-label={t("media.record")} title={t("media.record")}>
      <MicIcon />
    </button>
  );
}
