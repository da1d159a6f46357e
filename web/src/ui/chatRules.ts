import type { Client } from "../core/client";
import type { PeerKey } from "../core/model";
import type { Store } from "../core/store";
import { locale, t } from "../i18n";
import { formatDateTime } from "../i18n/format";

const ADMIN = 2;
const CREATOR = 3;
const LEFT = 4;
const BANNED = 5;
const CHANNEL = 4;

export function isAdmin(status: number | undefined): boolean {
  return status === ADMIN || status === CREATOR;
}

/** Whether the composer is shown: the rules the server enforces, so the UI does not offer a send it will refuse. */
export function canSend(s: Store, key: PeerKey): boolean {
  if (key.startsWith("u")) return true;
  const c = s.chats[Number(key.slice(1))];
  if (!c) return true;
  const me = c.self;
  if (!me) return c.kind !== CHANNEL;
  if (me.status === LEFT || me.status === BANNED) return false;
  if (me.status === CREATOR) return true;
  if (c.kind === CHANNEL) return me.status === ADMIN && !!me.admin.postMessages;
  if (me.status === ADMIN) return true;
  return !me.restricted.sendMessages && !c.defaults.sendMessages;
}

/** The line under a chat's title: online / last seen, or the member count. */
export function chatStatus(c: Client, key: PeerKey): string {
  const id = Number(key.slice(1));
  if (key.startsWith("u")) {
    const u = c.store.users[id];
    if (!u) return "";
    if (id === c.store.meId) return t("chat.saved");
    if (u.bot) return t("bot.status");
    if (u.online) return t("chat.online");
    return u.lastSeen ? t("chat.lastSeen", { when: formatDateTime(locale(), u.lastSeen) }) : t("chat.lastSeenRecently");
  }
  const chat = c.store.chats[id];
  if (!chat) return "";
  return chat.kind === CHANNEL ? t("chat.subscribers", { n: chat.membersCount }) : t("chat.members", { n: chat.membersCount });
}
