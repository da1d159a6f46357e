// A bot's buttons (proto ReplyMarkup) as plain values, and which reply keyboard a chat shows now:
// Telegram's rules, pure so that they are tested without a browser (test/keyboard.test.ts).
import type { ReplyMarkup as PMarkup } from "../gen/chapar/v1/chapar_pb";
import type { Msg, PeerKey, UserInfo } from "./model";

export interface Button {
  text: string;
  data: string; // inline: callback_data, sent back by PressButton
  url: string; // inline: a link to open instead
}

export interface Markup {
  inline: Button[][];
  keyboard: string[][];
  remove: boolean;
  forceReply: boolean;
  resize: boolean;
  oneTime: boolean;
  placeholder: string;
  botId: number;
}

export function toMarkup(m: PMarkup | undefined): Markup | undefined {
  if (!m) return undefined;
  const out: Markup = {
    inline: m.inlineRows.map((r) => r.buttons.map((b) => ({ text: b.text, data: b.callbackData, url: b.url }))).filter((r) => r.length > 0),
    keyboard: m.keyboardRows.map((r) => r.buttons.map((b) => b.text)).filter((r) => r.length > 0),
    remove: m.removeKeyboard,
    forceReply: m.forceReply,
    resize: m.resizeKeyboard,
    oneTime: m.oneTimeKeyboard,
    placeholder: m.inputFieldPlaceholder,
    botId: Number(m.botId),
  };
  const empty = !out.inline.length && !out.keyboard.length && !out.remove && !out.forceReply;
  return empty ? undefined : out;
}

/** What replaces the composer's keyboard area: the newest reply keyboard, or a reply the bot asks for. */
export type ReplyKeyboard =
  | { kind: "keyboard"; msgId: number; rows: string[][]; resize: boolean; oneTime: boolean; placeholder: string }
  | { kind: "forceReply"; msgId: number; placeholder: string }
  | { kind: "none" };

const NONE: ReplyKeyboard = { kind: "none" };

/**
 * The keyboard of a chat from its messages (oldest first): the newest other's message with a
 * reply keyboard, remove_keyboard or force_reply decides. A force_reply the user already answered
 * (an own message came after it) no longer asks, and the keyboard before it shows again, as in
 * Telegram. `usedOneTime` is the id of the one-time keyboard the user pressed a button of.
 */
export function replyKeyboard(msgs: Msg[], isOwn: (m: Msg) => boolean, usedOneTime = 0): ReplyKeyboard {
  let answered = false;
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = msgs[i];
    if (isOwn(m)) {
      answered = true;
      continue;
    }
    const k = m.markup;
    if (!k) continue;
    if (k.remove) return NONE;
    if (k.forceReply) {
      if (!answered) return { kind: "forceReply", msgId: m.id, placeholder: k.placeholder };
      continue;
    }
    if (k.keyboard.length) {
      if (k.oneTime && usedOneTime === m.id) return NONE;
      return { kind: "keyboard", msgId: m.id, rows: k.keyboard, resize: k.resize, oneTime: k.oneTime, placeholder: k.placeholder };
    }
  }
  return NONE;
}

/** Only web links open from a button: never javascript:, data: or the like. */
export function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export interface BotCommand {
  command: string;
  description: string;
}

/**
 * The commands offered for the composer's text: only while it is "/" and a command's first
 * letters. In a group a command names its bot (/start@examplebot) as Telegram sends it.
 */
export function commandSuggestions(text: string, bots: { username: string; commands: BotCommand[] }[], group: boolean): { text: string; description: string }[] {
  const m = /^\/([A-Za-z0-9_]*)(?:@([A-Za-z0-9_]*))?$/.exec(text);
  if (!m) return [];
  const prefix = m[1].toLowerCase();
  const at = m[2]?.toLowerCase();
  const out: { text: string; description: string }[] = [];
  for (const b of bots) {
    if (at !== undefined && !b.username.toLowerCase().startsWith(at)) continue;
    for (const c of b.commands) {
      if (!c.command.toLowerCase().startsWith(prefix)) continue;
      out.push({ text: "/" + c.command + (group ? "@" + b.username : ""), description: c.description });
    }
  }
  return out;
}

/**
 * The bots whose commands a chat offers: the other side of a private chat, or in a group the bots
 * seen writing there (a client has no group's member list without asking for it).
 */
export function chatBots(users: Record<number, UserInfo>, key: PeerKey, msgs: Msg[]): UserInfo[] {
  if (key.startsWith("u")) {
    const u = users[Number(key.slice(1))];
    return u?.bot ? [u] : [];
  }
  const ids = new Set<number>();
  for (const m of msgs) {
    if (users[m.fromId]?.bot) ids.add(m.fromId);
    if (m.markup?.botId) ids.add(m.markup.botId);
  }
  return [...ids].map((id) => users[id]).filter((u): u is UserInfo => !!u?.bot);
}
