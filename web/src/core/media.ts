// Media on the client side: which MediaKind a picked file is sent as, what the client alone
// knows about it (an audio file's duration and a voice note's waveform, read by Web Audio so that
// no blob: URL and no CSP exception is needed), its tus upload, and signed file URLs kept until
// shortly before they expire (protocol/README.md "Media").
import { MediaKind } from "../gen/chapar/v1/chapar_pb";
import type { Actions } from "./actions";
import { persist } from "./persist";
import { TusUpload } from "./tus";

/** The kind a file goes as: the server takes only JPEG and PNG as photos; other images are files. */
export function kindFor(mime: string, recorded = false): MediaKind {
  if (recorded) return MediaKind.VOICE;
  if (mime === "image/jpeg" || mime === "image/png") return MediaKind.PHOTO;
  if (mime.startsWith("video/")) return MediaKind.VIDEO;
  if (mime.startsWith("audio/")) return MediaKind.AUDIO;
  return MediaKind.DOCUMENT;
}

const RESUME = "chapar.uploads";
const RESUME_FOR_MS = 20 * 3600 * 1000; // under the server's 24 h stall expiry

type Unfinished = Record<string, { url: string; at: number }>;

/** Unfinished uploads by file (account, name, size, date), so a reload resumes rather than restarts. */
export const unfinished = {
  key(file: Blob, name: string): string | undefined {
    if (typeof File === "undefined" || !(file instanceof File)) return undefined;
    return [persist.session()?.userId ?? 0, name, file.size, file.lastModified, file.type].join("|");
  },
  all(now = Date.now()): Unfinished {
    let all: Unfinished = {};
    try {
      all = JSON.parse(localStorage.getItem(RESUME) ?? "{}") as Unfinished;
    } catch {
      all = {};
    }
    for (const [k, v] of Object.entries(all)) if (now - v.at > RESUME_FOR_MS) delete all[k];
    return all;
  },
  set(key: string, url: string | undefined): void {
    const all = this.all();
    if (url) all[key] = { url, at: Date.now() };
    else delete all[key];
    localStorage.setItem(RESUME, JSON.stringify(all));
  },
};

/** A tus upload of file under this tab's session, resuming an unfinished one of the same file. */
export function uploadOf(file: Blob, name: string, onProgress: (sent: number, total: number) => void): TusUpload {
  const token = persist.session()?.token ?? "";
  const key = unfinished.key(file, name);
  return new TusUpload(
    file,
    { filename: name, filetype: file.type },
    {
      token,
      resumeUrl: key ? unfinished.all()[key]?.url : undefined,
      onCreated: (url) => key && unfinished.set(key, url),
      onProgress: (sent, total) => {
        if (key && sent >= total) unfinished.set(key, undefined);
        onProgress(sent, total);
      },
    },
  );
}

/** Up to 100 loudness samples (0-255), the peak of each step: InputMedia.waveform. */
export function waveform(samples: Float32Array, steps = 64): Uint8Array {
  const out = new Uint8Array(Math.min(100, steps));
  if (samples.length === 0) return out;
  const step = Math.max(1, Math.floor(samples.length / out.length));
  for (let i = 0; i < out.length; i++) {
    let peak = 0;
    for (let j = i * step; j < Math.min(samples.length, (i + 1) * step); j++) peak = Math.max(peak, Math.abs(samples[j]));
    out[i] = Math.min(255, Math.round(peak * 255));
  }
  return out;
}

const DECODE_LIMIT = 64 * 1024 * 1024;

/** An audio file's whole seconds and waveform, or zeros when the browser cannot decode it. */
export async function describeAudio(file: Blob): Promise<{ duration: number; waveform: Uint8Array }> {
  if (file.size > DECODE_LIMIT || typeof AudioContext === "undefined") return { duration: 0, waveform: new Uint8Array() };
  const ctx = new AudioContext();
  try {
    const audio = await ctx.decodeAudioData(await file.arrayBuffer());
    return { duration: Math.round(audio.duration), waveform: waveform(audio.getChannelData(0)) };
  } catch {
    return { duration: 0, waveform: new Uint8Array() };
  } finally {
    void ctx.close();
  }
}

const MARGIN_S = 120;

/** Signed URLs by file and thumbnail, each reused until two minutes before it expires. */
export class FileUrls {
  private cache = new Map<string, { url: string; expires: number; pending?: Promise<string> }>();

  constructor(
    private readonly actions: Pick<Actions, "fileUrl">,
    private readonly now = () => Date.now() / 1000,
  ) {}

  /** The URL if one is known and fresh (for a render without waiting). */
  peek(fileId: string, thumb = ""): string | undefined {
    const hit = this.cache.get(fileId + "/" + thumb);
    return hit && hit.url && hit.expires - MARGIN_S > this.now() ? hit.url : undefined;
  }

  get(fileId: string, thumb = ""): Promise<string> {
    const key = fileId + "/" + thumb;
    const fresh = this.peek(fileId, thumb);
    if (fresh) return Promise.resolve(fresh);
    const hit = this.cache.get(key);
    if (hit?.pending) return hit.pending;
    const pending = this.actions.fileUrl(fileId, thumb).then(
      (u) => {
        this.cache.set(key, { url: u.url, expires: Number(u.expires) });
        return u.url;
      },
      (e) => {
        this.cache.delete(key);
        throw e;
      },
    );
    this.cache.set(key, { url: "", expires: 0, pending });
    return pending;
  }
}
