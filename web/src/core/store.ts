// The client's state and how each update changes it. Pure (no I/O): the sync layer feeds it in
// pts order, the UI reads it, persist.ts saves and restores a snapshot of it.
import type { Update, User as PUser } from "../gen/chapar/v1/chapar_pb";
import type { BotCommand } from "./keyboard";
import {
  n,
  peerKey,
  toChat,
  toMsg,
  toUser,
  type ChatInfo,
  type DialogInfo,
  type Msg,
  type PeerKey,
  type UserInfo,
} from "./model";

export interface Snapshot {
  meId: number;
  pts: number;
  channelPts: Record<number, number>;
  users: Record<number, UserInfo>;
  chats: Record<number, ChatInfo>;
  dialogs: Record<PeerKey, DialogInfo>;
  messages: Record<PeerKey, Msg[]>;
  drafts: Record<PeerKey, string>;
  botCommands?: Record<number, BotCommand[]>;
  usedKeyboards?: Record<PeerKey, number>;
}

/** Messages kept per chat in a saved snapshot: enough for the chat list and a first screen. */
export const SNAPSHOT_MESSAGES = 40;

export class Store {
  meId = 0;
  pts = -1;
  channelPts: Record<number, number> = {};
  users: Record<number, UserInfo> = {};
  chats: Record<number, ChatInfo> = {};
  dialogs: Record<PeerKey, DialogInfo> = {};
  messages: Record<PeerKey, Map<number, Msg>> = {};
  drafts: Record<PeerKey, string> = {};
  /** Each bot's commands, by bot id, as GetBotCommands last gave them. */
  botCommands: Record<number, BotCommand[]> = {};
  /** Per chat, the one-time reply keyboard (its message id) the user pressed a button of. */
  usedKeyboards: Record<PeerKey, number> = {};
  typing: Record<PeerKey, { userId: number; until: number }> = {};
  joinRequests: Record<number, number> = {};
  version = 0;
  private listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  subscribe(f: () => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  changed(): void {
    this.version++;
    this.listeners.forEach((f) => f());
  }

  clear(): void {
    this.meId = 0;
    this.pts = -1;
    this.channelPts = {};
    this.users = {};
    this.chats = {};
    this.dialogs = {};
    this.messages = {};
    this.drafts = {};
    this.botCommands = {};
    this.usedKeyboards = {};
    this.typing = {};
    this.changed();
  }

  addUsers(users: PUser[]): void {
    for (const u of users) {
      const v = toUser(u);
      const old = this.users[v.id];
      // a user seen without status (e.g. in a list) keeps the presence known from updates
      this.users[v.id] = old && !u.status ? { ...v, online: old.online, lastSeen: old.lastSeen } : v;
    }
  }

  putMessage(m: Msg): boolean {
    const box = (this.messages[m.key] ??= new Map());
    const isNew = !box.has(m.id);
    box.set(m.id, m);
    return isNew;
  }

  dialog(key: PeerKey): DialogInfo {
    return (this.dialogs[key] ??= { key, top: 0, readInbox: 0, readOutbox: 0, unread: 0, mentions: 0 });
  }

  /** Is this message the user's own? (Channel and supergroup pushes carry out=false.) */
  isOwn(m: Msg): boolean {
    return m.out || (m.fromId !== 0 && m.fromId === this.meId);
  }

  /** Applies one update that the sequencer delivered (in pts order, each once). */
  apply(u: Update): void {
    const k = u.kind;
    switch (k.case) {
      case "newMessage": {
        if (!k.value.message) break;
        const m = toMsg(k.value.message);
        const isNew = this.putMessage(m);
        const d = this.dialog(m.key);
        if (m.id > d.top) d.top = m.id;
        if (isNew && !this.isOwn(m) && m.id > d.readInbox) {
          d.unread++;
          if (m.mentioned) d.mentions++;
        }
        if (this.isOwn(m) && m.id > d.readInbox) d.readInbox = m.id;
        const t = this.typing[m.key];
        if (t && t.userId === m.fromId) delete this.typing[m.key];
        break;
      }
      case "editedMessage":
        if (k.value.message) this.putMessage(toMsg(k.value.message));
        break;
      case "deletedMessages": {
        const key = peerKey(k.value.peer);
        const box = this.messages[key];
        for (const id of k.value.ids) box?.delete(n(id));
        const d = this.dialogs[key];
        if (d && box) d.top = Math.max(0, ...box.keys());
        break;
      }
      case "readInbox": {
        const d = this.dialog(peerKey(k.value.peer));
        d.readInbox = Math.max(d.readInbox, n(k.value.maxId));
        d.unread = k.value.stillUnread;
        if (d.unread === 0) d.mentions = 0;
        break;
      }
      case "readOutbox": {
        const d = this.dialog(peerKey(k.value.peer));
        d.readOutbox = Math.max(d.readOutbox, n(k.value.maxId));
        break;
      }
      case "userTyping": {
        const key = peerKey(k.value.peer);
        if (k.value.action === 1) delete this.typing[key];
        else this.typing[key] = { userId: n(k.value.userId), until: this.now() + 6000 };
        break;
      }
      case "userStatus": {
        const user = this.users[n(k.value.userId)];
        if (user) {
          user.online = k.value.online;
          user.lastSeen = n(k.value.lastSeen);
        }
        break;
      }
      case "pinnedMessage": {
        const key = peerKey(k.value.peer);
        const m = this.messages[key]?.get(n(k.value.id));
        if (m) m.pinned = k.value.pinned;
        const c = key.startsWith("c") ? this.chats[Number(key.slice(1))] : undefined;
        if (c) c.pinnedId = k.value.pinned ? n(k.value.id) : c.pinnedId === n(k.value.id) ? 0 : c.pinnedId;
        break;
      }
      case "chatUpdated": {
        if (!k.value.chat) break;
        const id = n(k.value.chat.id);
        const old = this.chats[id];
        let self = old?.self;
        if (k.value.status !== 0) self = { status: k.value.status, admin: self?.admin ?? {}, restricted: self?.restricted ?? {} };
        this.chats[id] = toChat(k.value.chat, self);
        break;
      }
      case "joinRequested": {
        const id = n(k.value.chatId);
        this.joinRequests[id] = (this.joinRequests[id] ?? 0) + 1;
        break;
      }
      default:
        break;
    }
  }

  /** The chat list: dialogs by their top message, newest first. */
  sortedDialogs(): DialogInfo[] {
    const date = (d: DialogInfo) => this.messages[d.key]?.get(d.top)?.date ?? 0;
    return Object.values(this.dialogs)
      .filter((d) => d.top > 0 || this.messages[d.key]?.size)
      .sort((a, b) => date(b) - date(a) || b.top - a.top);
  }

  /** A chat's loaded messages, oldest first. */
  history(key: PeerKey): Msg[] {
    return [...(this.messages[key]?.values() ?? [])].sort((a, b) => a.id - b.id);
  }

  snapshot(): Snapshot {
    const messages: Record<PeerKey, Msg[]> = {};
    for (const key of Object.keys(this.messages)) messages[key] = this.history(key).slice(-SNAPSHOT_MESSAGES);
    return {
      meId: this.meId,
      pts: this.pts,
      channelPts: this.channelPts,
      users: this.users,
      chats: this.chats,
      dialogs: this.dialogs,
      messages,
      drafts: this.drafts,
      botCommands: this.botCommands,
      usedKeyboards: this.usedKeyboards,
    };
  }

  restore(s: Snapshot): void {
    this.meId = s.meId;
    this.pts = s.pts;
    this.channelPts = { ...s.channelPts };
    this.users = s.users;
    this.chats = s.chats;
    this.dialogs = s.dialogs;
    this.drafts = s.drafts ?? {};
    this.botCommands = s.botCommands ?? {};
    this.usedKeyboards = s.usedKeyboards ?? {};
    this.messages = {};
    for (const [key, list] of Object.entries(s.messages)) this.messages[key] = new Map(list.map((m) => [m.id, m]));
    this.changed();
  }
}
