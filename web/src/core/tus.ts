// A tus 1.0 uploader for the server's /media/uploads (protocol/README.md "Uploads: tus 1.0"):
// POST creates the upload, PATCHes send chunks at the server's Upload-Offset, and after a broken
// PATCH (network, 409, 423, 5xx) a HEAD learns the offset to go on from, so no acknowledged byte
// is sent twice. cancel() stops the request in flight and DELETEs the upload (termination).
// fetch is injected so the unit tests drive it with a fake server.

import { ChaparError } from "./connection";

export const TUS_VERSION = "1.0.0";

/** An HTTP answer of the media routes that is not a retryable one: its status and code. */
export class TusError extends ChaparError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

export interface TusOptions {
  /** The session token, sent as Authorization: Bearer (the media routes' only credential). */
  token: string;
  endpoint?: string;
  chunkSize?: number;
  /** Broken requests in a row before start() gives up (a later start() resumes from HEAD). */
  retries?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (sent: number, total: number) => void;
  /** The upload exists on the server at url (saved to resume it after a reload). */
  onCreated?: (url: string) => void;
  /** An upload created earlier (onCreated's url): start() resumes it after a HEAD. */
  resumeUrl?: string;
}

const RETRYABLE = new Set([409, 423, 429, 500, 502, 503, 504]);

function encodeMetadata(meta: Record<string, string>): string {
  return Object.entries(meta)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => {
      let bin = "";
      for (const b of new TextEncoder().encode(v)) bin += String.fromCharCode(b);
      return `${k} ${btoa(bin)}`;
    })
    .join(",");
}

async function failure(res: Response): Promise<TusError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText;
  try {
    const body = (await res.json()) as { code?: string; message?: string };
    code = body.code ?? code;
    message = body.message ?? message;
  } catch {
    // an answer without the JSON error body: the status says enough
  }
  return new TusError(res.status, code, message);
}

export class TusUpload {
  /** The upload's path (/media/uploads/{id}) once created. */
  url = "";
  offset = 0;
  private cancelled = false;
  private inFlight: AbortController | null = null;
  private readonly o: Required<Omit<TusOptions, "onProgress" | "onCreated" | "resumeUrl">> & Pick<TusOptions, "onProgress" | "onCreated">;

  constructor(
    readonly file: Blob,
    private readonly metadata: Record<string, string>,
    options: TusOptions,
  ) {
    this.o = {
      endpoint: "/media/uploads",
      chunkSize: 512 * 1024,
      retries: 4,
      fetch: (input, init) => fetch(input, init),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      ...options,
    };
    this.url = options.resumeUrl ?? "";
  }

  /** The upload id a SendMessage names: the last segment of Location. */
  get id(): string {
    return this.url.slice(this.url.lastIndexOf("/") + 1);
  }

  /** Uploads every byte (creating the upload, or resuming it from HEAD) and returns its id. */
  async start(): Promise<string> {
    this.cancelled = false;
    let broken = 0;
    let resume = this.url !== "";
    for (;;) {
      this.check();
      try {
        if (resume) await this.head();
        if (!this.url) await this.create();
        resume = false;
        if (this.offset >= this.file.size) return this.id;
        await this.patch();
        broken = 0;
      } catch (e) {
        this.check();
        if (e instanceof TusError && !RETRYABLE.has(e.status)) throw e;
        if (++broken > this.o.retries) throw e;
        resume = this.url !== "";
        await this.o.sleep(Math.min(8000, 250 * 2 ** (broken - 1)));
      }
    }
  }

  /** Stops the upload and removes it from the server (nothing to remove before it exists). */
  async cancel(): Promise<void> {
    this.cancelled = true;
    this.inFlight?.abort();
    if (!this.url) return;
    const res = await this.request("DELETE", this.url, {}, undefined, false);
    // 404: the server no longer has it (swept or already terminated), which is what was asked
    if (res.status !== 204 && res.status !== 404) throw await failure(res);
    this.url = "";
    this.offset = 0;
  }

  private check(): void {
    if (this.cancelled) throw new TusError(0, "UPLOAD_CANCELLED", "the upload was cancelled");
  }

  private async create(): Promise<void> {
    const headers: Record<string, string> = { "Upload-Length": String(this.file.size) };
    const meta = encodeMetadata(this.metadata);
    if (meta) headers["Upload-Metadata"] = meta;
    const res = await this.request("POST", this.o.endpoint, headers);
    if (res.status !== 201) throw await failure(res);
    const location = res.headers.get("Location") ?? "";
    if (!location) throw new TusError(res.status, "BAD_RESPONSE", "creation answered no Location");
    this.url = location.startsWith("/") ? location : new URL(location).pathname;
    this.offset = 0;
    this.o.onCreated?.(this.url);
  }

  private async head(): Promise<void> {
    const res = await this.request("HEAD", this.url, {});
    if (res.status === 404 || res.status === 410) {
      // swept, expired or never this account's: start again with a new upload
      this.url = "";
      this.offset = 0;
      return;
    }
    if (res.status !== 200) throw await failure(res);
    if (Number(res.headers.get("Upload-Length")) !== this.file.size) {
      // a saved URL of some other file: this one needs its own upload
      this.url = "";
      this.offset = 0;
      return;
    }
    this.offset = Number(res.headers.get("Upload-Offset") ?? "0");
    this.o.onProgress?.(this.offset, this.file.size);
  }

  private async patch(): Promise<void> {
    const end = Math.min(this.file.size, this.offset + this.o.chunkSize);
    const res = await this.request(
      "PATCH",
      this.url,
      { "Upload-Offset": String(this.offset), "Content-Type": "application/offset+octet-stream" },
      this.file.slice(this.offset, end),
    );
    if (res.status !== 204) throw await failure(res);
    const offset = Number(res.headers.get("Upload-Offset"));
    if (!Number.isFinite(offset) || offset < this.offset) throw new TusError(res.status, "BAD_RESPONSE", "PATCH answered no valid Upload-Offset");
    this.offset = offset;
    this.o.onProgress?.(this.offset, this.file.size);
  }

  private async request(method: string, url: string, headers: Record<string, string>, body?: Blob, abortable = true): Promise<Response> {
    const ctl = new AbortController();
    if (abortable) this.inFlight = ctl;
    try {
      return await this.o.fetch(url, {
        method,
        headers: { "Tus-Resumable": TUS_VERSION, Authorization: `Bearer ${this.o.token}`, ...headers },
        body,
        signal: ctl.signal,
      });
    } finally {
      if (this.inFlight === ctl) this.inFlight = null;
    }
  }
}
