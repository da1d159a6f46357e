// Requests the screens make. Answers that carry an event of the user's own box (a send, an
// edit, a delete) go through the sequencer like pushes, so the later of answer and push is the
// duplicate and is dropped (the Java SDK's OwnEvents).
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { ChatKind, InputMediaSchema, UpdateSchema, type Peer } from "../gen/chapar/v1/chapar_pb";
import type { Client } from "./client";
import { wrap } from "./client";
import { FileUrls } from "./media";
import { n, toChat, toMsg, toRights, toUser, type PeerKey, type UserInfo } from "./model";
import { persist } from "./persist";

function randomId(): bigint {
  const a = new Uint32Array(2);
  crypto.getRandomValues(a);
  return (BigInt(a[0] & 0x7fffffff) << 32n) | BigInt(a[1]);
}

export class Actions {
  /** Signed file URLs, shared by every message that shows a file. */
  readonly files = new FileUrls(this);

  constructor(private readonly c: Client) {}

  peer(key: PeerKey): Peer {
    const id = BigInt(key.slice(1));
    if (key.startsWith("u")) {
      const u = this.c.store.users[Number(id)];
      return { $typeName: "chapar.v1.Peer", kind: { case: "userId", value: id }, accessHash: BigInt(u?.accessHash ?? "0") };
    }
    return { $typeName: "chapar.v1.Peer", kind: { case: "chatId", value: id }, accessHash: 0n };
  }

  async register(username: string, password: string, displayName: string): Promise<void> {
    const a = await this.c.conn.call({ case: "register", value: { username, password, displayName, device: navigator.userAgent.slice(0, 60) } }, "authorization");
    this.authorized(a.token, a.user ? toUser(a.user) : undefined, a.deviceCookie, username);
  }

  async login(username: string, password: string): Promise<void> {
    const a = await this.c.conn.call(
      { case: "login", value: { username, password, device: navigator.userAgent.slice(0, 60), deviceCookie: persist.cookie(username) } },
      "authorization",
    );
    this.authorized(a.token, a.user ? toUser(a.user) : undefined, a.deviceCookie, username);
  }

  private authorized(token: string, user: UserInfo | undefined, cookie: string, username: string): void {
    if (!user) throw new Error("no user in authorization");
    this.c.signedInAs(token, user.id, cookie, username);
    this.c.store.users[user.id] = user;
    this.c.dirty();
  }

  async logout(): Promise<void> {
    try {
      await this.c.conn.call({ case: "logout", value: {} }, "ok");
    } finally {
      this.c.signedOut();
      this.c.conn.stop();
      this.c.conn.start();
    }
  }

  sessions() {
    return this.c.conn.call({ case: "getSessions", value: {} }, "sessions");
  }

  async terminateOthers(): Promise<number> {
    const list = await this.sessions();
    const others = list.sessions.filter((s) => !s.current);
    for (const s of others) await this.c.conn.call({ case: "revokeSession", value: { sessionId: s.id } }, "ok");
    return others.length;
  }

  /** Changes what is given; a field left undefined stays as it is on the server. */
  async updateProfile(change: { displayName?: string; username?: string }): Promise<void> {
    const u = await this.c.conn.call({ case: "updateProfile", value: change }, "user");
    this.c.store.addUsers([u]);
    this.c.dirty();
  }

  privacy() {
    return this.c.conn.call({ case: "getPrivacy", value: {} }, "privacy");
  }

  /** 0 leaves a setting as it is (PRIVACY_AUDIENCE_UNSPECIFIED). */
  setPrivacy(lastSeen: number, groupInvites: number) {
    return this.c.conn.call({ case: "setPrivacy", value: { lastSeen, groupInvites } }, "privacy");
  }

  async searchUsers(query: string) {
    const list = await this.c.conn.call({ case: "searchUsers", value: { query, limit: 20 } }, "users");
    this.c.store.addUsers(list.users);
    return list.users.map(toUser);
  }

  async searchChats(query: string) {
    const list = await this.c.conn.call({ case: "searchChats", value: { query, limit: 20 } }, "chats");
    return list.chats.map((c) => toChat(c));
  }

  /** Older messages of a chat, before offsetId (0: the newest); returns how many came. */
  async history(key: PeerKey, offsetId: number): Promise<number> {
    const list = await this.c.conn.call({ case: "getHistory", value: { peer: this.peer(key), offsetId: BigInt(offsetId), limit: 50 } }, "messages");
    this.c.store.addUsers(list.users);
    for (const m of list.messages) this.c.store.putMessage(toMsg(m));
    this.c.dirty();
    return list.messages.length;
  }

  async send(key: PeerKey, text: string, replyTo = 0): Promise<void> {
    const s = await this.c.conn.call({ case: "sendMessage", value: { peer: this.peer(key), text, randomId: randomId(), replyToId: BigInt(replyTo) } }, "sentMessage");
    this.own(s.pts, s.ptsCount, s.channelId, { case: "newMessage", value: { message: s.message } });
  }

  /** A media message: a finished upload (see media.ts) with an optional caption. */
  async sendMedia(key: PeerKey, media: MessageInitShape<typeof InputMediaSchema>, caption: string, replyTo = 0): Promise<void> {
    const s = await this.c.conn.call({ case: "sendMessage", value: { peer: this.peer(key), text: caption, media, randomId: randomId(), replyToId: BigInt(replyTo) } }, "sentMessage");
    this.own(s.pts, s.ptsCount, s.channelId, { case: "newMessage", value: { message: s.message } });
  }

  /** A short-lived same-origin URL of a file or one of its thumbnails, for <img>, <audio>, <video>. */
  fileUrl(fileId: string, thumbnail = "") {
    return this.c.conn.call({ case: "getFileUrl", value: { fileId, thumbnail } }, "fileUrl");
  }

  async forward(from: PeerKey, id: number, to: PeerKey): Promise<void> {
    const s = await this.c.conn.call({ case: "forwardMessage", value: { fromPeer: this.peer(from), id: BigInt(id), toPeer: this.peer(to), randomId: randomId() } }, "sentMessage");
    this.own(s.pts, s.ptsCount, s.channelId, { case: "newMessage", value: { message: s.message } });
  }

  async edit(key: PeerKey, id: number, text: string): Promise<void> {
    const s = await this.c.conn.call({ case: "editMessage", value: { peer: this.peer(key), id: BigInt(id), text } }, "sentMessage");
    this.own(s.pts, s.ptsCount, s.channelId, { case: "editedMessage", value: { message: s.message } });
  }

  async remove(key: PeerKey, ids: number[], revoke: boolean): Promise<void> {
    const a = await this.c.conn.call({ case: "deleteMessages", value: { peer: this.peer(key), ids: ids.map(BigInt), revoke } }, "affected");
    this.own(a.pts, a.ptsCount, a.channelId, { case: "deletedMessages", value: { peer: this.peer(key), ids: ids.map(BigInt) } });
  }

  async pin(key: PeerKey, id: number, unpin: boolean): Promise<void> {
    const a = await this.c.conn.call({ case: "pinMessage", value: { peer: this.peer(key), id: BigInt(id), unpin } }, "affected");
    if (unpin) this.own(a.pts, a.ptsCount, a.channelId, { case: "pinnedMessage", value: { peer: this.peer(key), id: BigInt(id), pinned: false } });
    else this.c.reaches(n(a.channelId), n(a.pts));
  }

  async read(key: PeerKey, maxId: number): Promise<void> {
    const d = this.c.store.dialogs[key];
    if (!d || maxId <= d.readInbox) return;
    await this.c.conn.call({ case: "readHistory", value: { peer: this.peer(key), maxId: BigInt(maxId) } }, "affected").catch(() => undefined);
  }

  /** Presses an inline button; the answer is the bot's answerCallbackQuery (answered=false: none in time). */
  press(key: PeerKey, messageId: number, data: string) {
    return this.c.conn.call({ case: "pressButton", value: { peer: this.peer(key), messageId: BigInt(messageId), data } }, "callbackAnswer");
  }

  /** A bot's commands (setMyCommands), asked once a session and kept in the store for offline use. */
  async botCommands(botId: number): Promise<void> {
    if (this.asked.has(botId)) return;
    this.asked.add(botId);
    try {
      const list = await this.c.conn.call({ case: "getBotCommands", value: { botId: BigInt(botId) } }, "botCommands");
      this.c.store.botCommands[botId] = list.commands.map((c) => ({ command: c.command, description: c.description }));
      this.c.dirty();
    } catch {
      this.asked.delete(botId);
    }
  }

  private readonly asked = new Set<number>();

  typing(key: PeerKey): void {
    this.c.conn.call({ case: "setTyping", value: { peer: this.peer(key), action: 0 } }, "ok").catch(() => undefined);
  }

  private own(pts: bigint, ptsCount: number, channelId: bigint, kind: NonNullable<MessageInitShape<typeof UpdateSchema>["kind"]>): void {
    if (pts === 0n || ptsCount === 0) return;
    this.c.offer(wrap(create(UpdateSchema, { pts, ptsCount, channelId, kind })));
    this.c.dirty();
  }

  // --- groups, supergroups and channels

  async createChat(kind: ChatKind, title: string, username: string, members: UserInfo[]): Promise<number> {
    const info = await this.c.conn.call(
      {
        case: "createChat",
        value: { kind, title, username, members: members.map((u) => ({ userId: BigInt(u.id), accessHash: BigInt(u.accessHash) })) },
      },
      "chatInfo",
    );
    return this.tookChat(info);
  }

  private tookChat(info: { chat?: Parameters<typeof toChat>[0]; self?: Parameters<typeof toRights>[0]; users: Parameters<Client["store"]["addUsers"]>[0] }): number {
    this.c.store.addUsers(info.users);
    if (!info.chat) return 0;
    const chat = toChat(info.chat, toRights(info.self));
    this.c.store.chats[chat.id] = chat;
    this.c.store.dialog(`c${chat.id}`);
    if (chat.kind === ChatKind.SUPERGROUP || chat.kind === ChatKind.CHANNEL) {
      if (this.c.store.channelPts[chat.id] === undefined) this.c.store.channelPts[chat.id] = chat.pts;
    }
    this.c.dirty();
    this.history(`c${chat.id}`, 0).catch(() => undefined);
    return chat.id;
  }

  /** Joins by @name or by an invite link (chapar:join/HASH or the bare hash). */
  async join(target: string): Promise<number> {
    const t = target.trim();
    const m = /(?:chapar:join\/|#join\/)([A-Za-z0-9_-]+)$/.exec(t);
    const value = m ? { case: "inviteHash" as const, value: m[1] } : t.startsWith("@") ? { case: "username" as const, value: t.slice(1) } : { case: "inviteHash" as const, value: t };
    const info = await this.c.conn.call({ case: "joinChat", value: { target: value } }, "chatInfo");
    return this.tookChat(info);
  }

  async leave(chatId: number): Promise<void> {
    await this.c.conn.call({ case: "leaveChat", value: { chatId: BigInt(chatId) } }, "ok").catch((e) => {
      if (e?.code !== "UNEXPECTED") throw e;
    });
    await this.c.loadChat(chatId).catch(() => undefined);
  }

  async members(chatId: number) {
    const list = await this.c.conn.call({ case: "getChatMembers", value: { chatId: BigInt(chatId), limit: 200 } }, "chatMembers");
    this.c.store.addUsers(list.users);
    return list.members.map((m) => ({ userId: n(m.userId), ...toRights(m)!, until: n(m.untilDate) }));
  }

  async addMember(chatId: number, u: UserInfo): Promise<void> {
    await this.c.conn.raw({ case: "addChatMembers", value: { chatId: BigInt(chatId), users: [{ userId: BigInt(u.id), accessHash: BigInt(u.accessHash) }] } });
  }

  async promote(chatId: number, userId: number, rights: Record<string, boolean>): Promise<void> {
    await this.c.conn.raw({ case: "editAdmin", value: { chatId: BigInt(chatId), userId: BigInt(userId), rights } });
  }

  /** Restricts (send_messages ...), bans (view_messages) or with nothing set lifts both. */
  async restrict(chatId: number, userId: number, restrictions: Record<string, boolean>, untilDate = 0): Promise<void> {
    await this.c.conn.raw({ case: "editRestrictions", value: { chatId: BigInt(chatId), userId: BigInt(userId), restrictions, untilDate: BigInt(untilDate) } });
  }

  async editChat(chatId: number, fields: { title?: string; slowModeSeconds?: number; signatures?: boolean }): Promise<void> {
    await this.c.conn.raw({ case: "editChat", value: { chatId: BigInt(chatId), ...fields } });
    await this.c.loadChat(chatId);
  }

  async createInvite(chatId: number, expireDate: number, usageLimit: number, requiresApproval: boolean) {
    return this.c.conn.call({ case: "createInviteLink", value: { chatId: BigInt(chatId), expireDate: BigInt(expireDate), usageLimit, requiresApproval } }, "inviteLink");
  }

  async invites(chatId: number) {
    return (await this.c.conn.call({ case: "getInviteLinks", value: { chatId: BigInt(chatId) } }, "inviteLinks")).links;
  }

  async revokeInvite(chatId: number, hash: string): Promise<void> {
    await this.c.conn.raw({ case: "editInviteLink", value: { chatId: BigInt(chatId), hash, revoke: true } });
  }

  async joinRequests(chatId: number) {
    const list = await this.c.conn.call({ case: "getJoinRequests", value: { chatId: BigInt(chatId) } }, "joinRequests");
    this.c.store.addUsers(list.users);
    return list.requests.map((r) => ({ userId: n(r.userId), date: n(r.date) }));
  }

  async decide(chatId: number, userId: number, approve: boolean): Promise<void> {
    await this.c.conn.raw({ case: "decideJoinRequest", value: { chatId: BigInt(chatId), userId: BigInt(userId), approve } });
    delete this.c.store.joinRequests[chatId];
    this.c.dirty();
  }

  /** Counts this account's view of channel posts and refreshes their counts. */
  async views(chatId: number, ids: number[]): Promise<void> {
    const list = await this.c.conn.call({ case: "getMessageViews", value: { chatId: BigInt(chatId), ids: ids.map(BigInt), increment: true } }, "messageViews");
    const box = this.c.store.messages[`c${chatId}`];
    for (const v of list.views) {
      const m = box?.get(n(v.id));
      if (m) m.views = v.views;
    }
    this.c.dirty();
  }
}
