// The client's own plain values (numbers, not the wire's bigints), so that state is easy to
// render, compare and persist as JSON.
import type {
  Chat as PChat,
  ChatMember as PMember,
  Dialog as PDialog,
  Media as PMedia,
  Message as PMessage,
  Peer as PPeer,
  User as PUser,
} from "../gen/chapar/v1/chapar_pb";
import { toMarkup, type Markup } from "./keyboard";

/** "u<userId>" for a private chat, "c<chatId>" for a group, supergroup or channel. */
export type PeerKey = string;

export interface Msg {
  key: PeerKey;
  id: number;
  fromId: number;
  date: number;
  text: string;
  replyTo: number;
  editDate: number;
  out: boolean;
  views: number;
  postAuthor: string;
  pinned: boolean;
  mentioned: boolean;
  post: boolean;
  action?: { type: number; userIds: number[]; title: string; messageId: number };
  fwd?: { userId: number; chatId: number; date: number; postAuthor: string };
  media?: MediaInfo;
  /** A bot's buttons: inline under the message, or a reply keyboard for the composer. */
  markup?: Markup;
}

/** A message's file as every viewer sees it (proto Media), in plain JSON-safe values. */
export interface MediaInfo {
  kind: number; // MediaKind
  fileId: string;
  size: number;
  mime: string;
  name: string;
  width: number;
  height: number;
  duration: number;
  title: string;
  performer: string;
  /** Server-made thumbnail types ("s", "m", "x", "y"), smallest first. */
  thumbs: { type: string; width: number; height: number }[];
}

export interface UserInfo {
  id: number;
  username: string;
  displayName: string;
  accessHash: string;
  online: boolean;
  lastSeen: number;
  bot: boolean;
  /** An account the server runs (@BotFather). */
  verified: boolean;
}

export interface ChatRights {
  status: number; // MemberStatus
  admin: Record<string, boolean>;
  restricted: Record<string, boolean>;
}

export interface ChatInfo {
  id: number;
  kind: number; // ChatKind
  title: string;
  about: string;
  username: string;
  membersCount: number;
  signatures: boolean;
  slowMode: number;
  pts: number;
  pinnedId: number;
  defaults: Record<string, boolean>;
  self?: ChatRights;
}

export interface DialogInfo {
  key: PeerKey;
  top: number;
  readInbox: number;
  readOutbox: number;
  unread: number;
  mentions: number;
}

export const n = (v: bigint | number | undefined): number => Number(v ?? 0);

export function peerKey(p: PPeer | undefined): PeerKey {
  if (!p) return "";
  return p.kind.case === "userId" ? `u${p.kind.value}` : p.kind.case === "chatId" ? `c${p.kind.value}` : "";
}

export function toMsg(m: PMessage): Msg {
  const out: Msg = {
    key: peerKey(m.peer),
    id: n(m.id),
    fromId: n(m.fromId),
    date: n(m.date),
    text: m.text,
    replyTo: n(m.replyToId),
    editDate: n(m.editDate),
    out: m.out,
    views: m.views,
    postAuthor: m.postAuthor,
    pinned: m.pinned,
    mentioned: m.mentioned,
    post: m.post,
  };
  if (m.action && m.action.type !== 0) {
    out.action = {
      type: m.action.type,
      userIds: m.action.userIds.map(n),
      title: m.action.title,
      messageId: n(m.action.messageId),
    };
  }
  if (m.fwdFrom) {
    out.fwd = {
      userId: n(m.fwdFrom.fromUserId),
      chatId: n(m.fwdFrom.fromChatId),
      date: n(m.fwdFrom.date),
      postAuthor: m.fwdFrom.postAuthor,
    };
  }
  if (m.media && m.media.kind !== 0) out.media = toMedia(m.media);
  const markup = toMarkup(m.replyMarkup);
  if (markup) out.markup = markup;
  return out;
}

export function toMedia(m: PMedia): MediaInfo {
  return {
    kind: m.kind,
    fileId: m.file?.id ?? "",
    size: n(m.file?.size),
    mime: m.file?.mimeType ?? "",
    name: m.file?.name ?? "",
    width: m.width,
    height: m.height,
    duration: m.duration,
    title: m.title,
    performer: m.performer,
    thumbs: m.thumbnails.map((t) => ({ type: t.type, width: t.width, height: t.height })).sort((a, b) => a.width * a.height - b.width * b.height),
  };
}

export function toUser(u: PUser): UserInfo {
  return {
    id: n(u.id),
    username: u.username,
    displayName: u.displayName,
    accessHash: u.accessHash.toString(),
    online: u.status?.online ?? false,
    lastSeen: n(u.status?.lastSeen),
    bot: u.bot,
    verified: u.verified,
  };
}

function flags(o: object | undefined): Record<string, boolean> {
  const r: Record<string, boolean> = {};
  if (!o) return r;
  for (const [k, v] of Object.entries(o)) if (typeof v === "boolean") r[k] = v;
  return r;
}

export function toRights(m: PMember | undefined): ChatRights | undefined {
  if (!m) return undefined;
  return { status: m.status, admin: flags(m.adminRights), restricted: flags(m.restrictions) };
}

export function toChat(c: PChat, self?: ChatRights): ChatInfo {
  return {
    id: n(c.id),
    kind: c.kind,
    title: c.title,
    about: c.about,
    username: c.username,
    membersCount: c.membersCount,
    signatures: c.signatures,
    slowMode: c.slowModeSeconds,
    pts: n(c.pts),
    pinnedId: n(c.pinnedMessageId),
    defaults: flags(c.defaultRestrictions),
    self,
  };
}

export function toDialog(d: PDialog): DialogInfo {
  return {
    key: peerKey(d.peer),
    top: n(d.topMessageId),
    readInbox: n(d.readInboxMaxId),
    readOutbox: n(d.readOutboxMaxId),
    unread: d.unreadCount,
    mentions: d.unreadMentionsCount,
  };
}
