// The client core: one connection, the handshake (Hello, then Authenticate with a saved token),
// one sequencer for the common box and one per supergroup or channel, and the store they feed.
// The same sync rules as the Java SDK's SyncDriver (client/): GetState on a first start, else
// GetDifference from the saved pts on every connect; channel heads from the difference.
import type { Update, Updates } from "../gen/chapar/v1/chapar_pb";
import { ChaparError, Connection, type LinkStatus } from "./connection";
import { n, toChat, toDialog, toMsg, toRights, toUser, type PeerKey } from "./model";
import { persist } from "./persist";
import { Sequencer, UNKNOWN, type BoxUpdate, type SequencerOutput } from "./sequencer";
import { Store } from "./store";

export interface SeqUpdate extends BoxUpdate {
  u: Update;
}

export function wrap(u: Update): SeqUpdate {
  return { pts: n(u.pts), ptsCount: u.ptsCount, channelId: n(u.channelId), tooLong: u.kind.case === "tooLong", u };
}

const GAP_WAIT_MS = 500;

export class Client {
  readonly store = new Store();
  readonly conn: Connection;
  status: LinkStatus = "offline";
  /** Whether this tab has a session (a saved token). */
  signedIn = false;
  differencePage = 1000;
  historyPage = 100;
  private common: Sequencer<SeqUpdate>;
  private channels = new Map<number, Sequencer<SeqUpdate>>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private reloading = false;

  constructor(url: string) {
    this.conn = new Connection(url, {
      opened: () => this.handshake(),
      updates: (u) => this.onUpdates(u),
      status: (s) => {
        this.status = s;
        this.store.changed();
      },
    });
    this.common = this.sequencer(0, UNKNOWN);
    const saved = persist.session();
    if (saved) this.resume(saved.userId);
    setInterval(() => this.tick(), 250);
  }

  start(): void {
    this.conn.start();
  }

  /** Restores this account's saved snapshot (chat list shown at once, even offline). */
  private resume(userId: number): void {
    this.signedIn = true;
    const snap = persist.state(userId);
    if (snap) this.store.restore(snap);
    this.store.meId = userId;
    this.resetSequencers();
  }

  private resetSequencers(): void {
    this.common = this.sequencer(0, this.store.pts >= 0 ? this.store.pts : UNKNOWN);
    this.channels.clear();
    for (const [id, pts] of Object.entries(this.store.channelPts)) this.channels.set(Number(id), this.sequencer(Number(id), pts));
  }

  private async handshake(): Promise<void> {
    const hello = await this.conn.raw({ case: "hello", value: { layer: 1, client: "chapar-web/0.1" } });
    if (hello.case === "hello" && hello.value.limits) {
      this.differencePage = hello.value.limits.maxDifferencePage || 1000;
      this.historyPage = hello.value.limits.maxHistoryPage || 100;
    }
    const saved = persist.session();
    if (!saved) return;
    try {
      const a = await this.conn.raw({ case: "authenticate", value: { token: saved.token } });
      if (a.case === "authorization" && a.value.user) this.store.addUsers([a.value.user]);
    } catch (e) {
      if (e instanceof ChaparError && (e.code === "AUTH_INVALID" || e.code === "SESSION_REVOKED")) {
        this.signedOut();
        return;
      }
      throw e;
    }
    queueMicrotask(() => this.sync());
  }

  /** After Register or Login: the session is this connection's. */
  signedInAs(token: string, userId: number, deviceCookie: string, username: string): void {
    persist.saveSession({ token, userId, deviceCookie, username });
    this.store.clear();
    this.resume(userId);
    this.sync();
  }

  /** The session ended (logout, revoked, or its token no longer valid). */
  signedOut(): void {
    persist.clearSession();
    this.signedIn = false;
    this.store.clear();
    this.resetSequencers();
  }

  private sync(): void {
    if (this.common.localPts === UNKNOWN) {
      this.conn
        .call({ case: "getState", value: {} }, "state")
        .then((s) => {
          this.common.start(n(s.pts));
          return this.loadDialogs();
        })
        .catch(() => undefined);
    } else {
      this.common.requestDifference();
    }
    for (const seq of this.channels.values()) seq.requestDifference();
  }

  private sequencer(channelId: number, pts: number): Sequencer<SeqUpdate> {
    const out: SequencerOutput<SeqUpdate> = {
      deliver: (u) => {
        this.store.apply(u.u);
        if (u.u.kind.case === "sessionRevoked") this.signedOut();
        if (u.pts > 0) this.setBoxPts(channelId, u.pts);
        this.dirty();
      },
      settled: (p) => {
        this.setBoxPts(channelId, p);
        this.dirty();
      },
      fetchDifference: (p) => (channelId === 0 ? this.fetchDifference(p) : this.fetchChannelDifference(channelId, p)),
      reloadNeeded: () => {
        this.loadDialogs().catch(() => undefined);
      },
    };
    return new Sequencer<SeqUpdate>(channelId, pts, out, () => Date.now(), GAP_WAIT_MS);
  }

  private setBoxPts(channelId: number, pts: number): void {
    if (channelId === 0) this.store.pts = pts;
    else this.store.channelPts[channelId] = pts;
  }

  private fetchDifference(pts: number): void {
    this.conn
      .call({ case: "getDifference", value: { pts: BigInt(pts), limit: this.differencePage } }, "difference")
      .then((d) => {
        this.store.addUsers(d.users);
        this.common.onDifference({ updates: d.updates.map(wrap), pts: n(d.state?.pts), slice: d.slice, tooLong: d.tooLong });
        let unknown = false;
        for (const head of d.channels) {
          const id = n(head.chatId);
          const seq = this.channels.get(id);
          if (!seq) {
            unknown = true;
            this.channels.set(id, this.sequencer(id, n(head.pts)));
            this.setBoxPts(id, n(head.pts));
          } else if (n(head.pts) > seq.localPts) seq.requestDifference();
        }
        if (unknown) this.loadDialogs().catch(() => undefined);
      })
      .catch(() => this.common.onDifferenceFailed());
  }

  private fetchChannelDifference(chatId: number, pts: number): void {
    const seq = this.channels.get(chatId);
    if (!seq) return;
    this.conn
      .call({ case: "getChannelDifference", value: { chatId: BigInt(chatId), pts: BigInt(pts), limit: this.differencePage } }, "channelDifference")
      .then((d) => {
        this.store.addUsers(d.users);
        if (d.chat) this.store.chats[chatId] = toChat(d.chat, this.store.chats[chatId]?.self);
        seq.onDifference({ updates: d.updates.map(wrap), pts: n(d.pts), slice: d.slice, tooLong: d.tooLong });
      })
      .catch(() => seq.onDifferenceFailed());
  }

  private onUpdates(batch: Updates): void {
    this.store.addUsers(batch.users);
    for (const u of batch.updates) this.offer(wrap(u));
    this.dirty();
  }

  /** A live update or the event of an own request, to the sequencer of its box. */
  offer(u: SeqUpdate): void {
    if (u.channelId === 0 || u.pts === 0) {
      this.common.offer([u]);
      return;
    }
    let seq = this.channels.get(u.channelId);
    if (!seq) {
      // a box this client did not know: it starts right before this event
      seq = this.sequencer(u.channelId, u.pts - u.ptsCount);
      this.channels.set(u.channelId, seq);
    }
    seq.offer([u]);
  }

  /** An own request took the box to pts, but its event cannot be built here (see reaches). */
  reaches(channelId: number, pts: number): void {
    (channelId === 0 ? this.common : this.channels.get(channelId))?.reaches(pts);
  }

  private tick(): void {
    this.common.tick();
    for (const s of this.channels.values()) s.tick();
    const now = Date.now();
    let changed = false;
    for (const [k, t] of Object.entries(this.store.typing)) {
      if (t.until < now) {
        delete this.store.typing[k];
        changed = true;
      }
    }
    if (changed) this.store.changed();
  }

  /** The state changed: re-render now, save soon (and on page hide). */
  dirty(): void {
    this.store.changed();
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.save(), 300);
  }

  save(): void {
    if (this.signedIn && this.store.meId) persist.saveState(this.store.snapshot());
  }

  /** The chat list from the server, with each chat's title and the caller's rights. */
  async loadDialogs(): Promise<void> {
    if (this.reloading) return;
    this.reloading = true;
    try {
      let offset = "";
      for (let page = 0; page < 50; page++) {
        const list = await this.conn.call({ case: "getDialogs", value: { offset, limit: 100 } }, "dialogs");
        this.store.addUsers(list.users);
        for (const m of list.messages) this.store.putMessage(toMsg(m));
        for (const d of list.dialogs) this.store.dialogs[toDialog(d).key] = toDialog(d);
        offset = list.nextOffset;
        if (!offset) break;
      }
      const missing = Object.keys(this.store.dialogs).filter((k) => k.startsWith("c") && !this.store.chats[Number(k.slice(1))]?.self);
      await Promise.all(missing.map((k) => this.loadChat(Number(k.slice(1))).catch(() => undefined)));
      this.dirty();
    } finally {
      this.reloading = false;
    }
  }

  async loadChat(chatId: number): Promise<void> {
    const info = await this.conn.call({ case: "getChat", value: { chatId: BigInt(chatId) } }, "chatInfo");
    this.store.addUsers(info.users);
    if (info.chat) this.store.chats[chatId] = toChat(info.chat, toRights(info.self));
    this.dirty();
  }

  /** A key's display name: the user's name, the chat's title, or the key itself. */
  title(key: PeerKey): string {
    const id = Number(key.slice(1));
    if (key.startsWith("u")) {
      const u = this.store.users[id];
      return u ? u.displayName || u.username : key;
    }
    return this.store.chats[id]?.title ?? key;
  }

  user(id: number) {
    return this.store.users[id];
  }

  toUser = toUser;
}
