// One WebSocket to the server's own /ws, carrying binary protobuf frames (protocol/README.md):
// requests matched to answers by id, pushed Updates handed on, reconnect with backoff, and a
// status the UI shows (the offline indicator).
import { create, fromBinary, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import {
  ClientFrameSchema,
  ErrorCode,
  ServerFrameSchema,
  type ServerFrame,
  type Updates,
} from "../gen/chapar/v1/chapar_pb";
import { Backoff } from "./backoff";

export type LinkStatus = "connecting" | "online" | "offline";
export type Request = NonNullable<MessageInitShape<typeof ClientFrameSchema>["request"]>;
export type Body = ServerFrame["body"];
/** The answer body of a given case, e.g. Answer<"sentMessage">. */
export type Answer<C extends NonNullable<Body["case"]>> = Extract<Body, { case: C }>["value"];

/** An Error frame from the server: its code name (e.g. "USERNAME_TAKEN") and message. */
export class ChaparError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

export interface LinkEvents {
  /** A socket opened; the returned promise runs the handshake before requests flow. */
  opened(): Promise<void>;
  updates(u: Updates): void;
  status(s: LinkStatus): void;
}

interface Pending {
  resolve(b: Body): void;
  reject(e: Error): void;
}

export class Connection {
  private ws: WebSocket | null = null;
  private nextId = 1n;
  private pending = new Map<bigint, Pending>();
  private ready = false;
  private waiting: Array<() => void> = [];
  private stopped = true;
  private backoff = new Backoff();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  status: LinkStatus = "offline";

  constructor(
    private readonly url: string,
    private readonly events: LinkEvents,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.ws?.close();
    this.ws = null;
  }

  /** Reconnects now (the browser says the network is back). */
  kick(): void {
    if (this.stopped || (this.ws && this.ws.readyState <= WebSocket.OPEN)) return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  /** Sends a request once the handshake is done; rejects with ChaparError or on disconnect. */
  async call<C extends NonNullable<Body["case"]>>(request: Request, expect: C): Promise<Answer<C>> {
    if (!this.ready) await new Promise<void>((r) => this.waiting.push(r));
    const body = await this.raw(request);
    if (body.case !== expect) throw new ChaparError("UNEXPECTED", `expected ${expect}, got ${body.case}`);
    return body.value as Answer<C>;
  }

  /** Sends on the open socket without waiting for the handshake (the handshake's own requests). */
  raw(request: Request): Promise<Body> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new ChaparError("OFFLINE", "not connected"));
    const id = this.nextId++;
    const frame = create(ClientFrameSchema, { id, request });
    return new Promise<Body>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (b) => {
          if (b.case === "error") {
            reject(new ChaparError(ErrorCode[b.value.code] ?? String(b.value.code), b.value.message, Number(b.value.retryAfterMs)));
          } else resolve(b);
        },
        reject,
      });
      ws.send(toBinary(ClientFrameSchema, frame));
    });
  }

  private setStatus(s: LinkStatus): void {
    this.status = s;
    this.events.status(s);
  }

  private open(): void {
    this.setStatus("connecting");
    const ws = new WebSocket(this.url);
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    ws.onopen = () => {
      this.events.opened().then(
        () => {
          if (this.ws !== ws) return;
          this.ready = true;
          this.backoff.reset();
          this.setStatus("online");
          const w = this.waiting;
          this.waiting = [];
          w.forEach((r) => r());
        },
        () => ws.close(),
      );
      this.pingTimer = setInterval(() => {
        this.raw({ case: "ping", value: { payload: BigInt(Date.now()) } }).catch(() => undefined);
      }, 25_000);
    };
    ws.onmessage = (ev) => {
      const frame = fromBinary(ServerFrameSchema, new Uint8Array(ev.data as ArrayBuffer));
      if (frame.id === 0n) {
        if (frame.body.case === "updates") this.events.updates(frame.body.value);
        return;
      }
      const p = this.pending.get(frame.id);
      if (p) {
        this.pending.delete(frame.id);
        p.resolve(frame.body);
      }
    };
    ws.onclose = () => {
      clearInterval(this.pingTimer);
      if (this.ws === ws) this.ws = null;
      this.ready = false;
      const failed = this.pending;
      this.pending = new Map();
      failed.forEach((p) => p.reject(new ChaparError("OFFLINE", "connection lost")));
      if (this.stopped) {
        this.setStatus("offline");
        return;
      }
      this.setStatus("offline");
      this.retryTimer = setTimeout(() => this.open(), this.backoff.next());
    };
  }
}
