// What a bot adds to a chat (README "Bots"): its badge, the inline buttons under its messages,
// the reply keyboard in place of the composer's keyboard area, its commands after "/", and the
// answer to a pressed button as a toast or, when the bot asked for an alert, a dialog.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Actions } from "../core/actions";
import type { Client } from "../core/client";
import { chatBots, commandSuggestions, replyKeyboard, safeUrl, type Button, type ReplyKeyboard } from "../core/keyboard";
import type { Msg, PeerKey, UserInfo } from "../core/model";
import { t } from "../i18n";
import { errorText } from "./errors";

export function BotBadge({ user }: { user: UserInfo | undefined }) {
  if (!user?.bot && !user?.verified) return null;
  return (
    <span class="bot-badge" title={user.verified ? t("bot.verified") : t("bot.badge")}>
      {user.verified ? "✓ " : ""}
      {t("bot.badge")}
    </span>
  );
}

/** Asks, as Telegram does, before a bot's link leaves the app; false keeps the page. */
function confirmLink(url: string): boolean {
  return confirm(t("bot.openLink", { url }));
}

export type Answer = { text: string; alert: boolean };

export function InlineKeyboard({ actions, m, onAnswer }: { actions: Actions; m: Msg; onAnswer(a: Answer): void }) {
  const [busy, setBusy] = useState("");
  if (!m.markup?.inline.length) return null;
  async function press(b: Button) {
    setBusy(b.data);
    try {
      const a = await actions.press(m.key, m.id, b.data);
      if (a.text) onAnswer({ text: a.text, alert: a.alert });
      const url = a.url && safeUrl(a.url);
      if (url && confirmLink(url)) open(url, "_blank", "noopener,noreferrer");
    } catch (e) {
      onAnswer({ text: errorText(e), alert: false });
    } finally {
      setBusy("");
    }
  }
  return (
    <div class="inline-kb" role="group" aria-label={t("bot.buttons")}>
      {m.markup.inline.map((row, i) => (
        <div class="kb-row" key={i}>
          {row.map((b, j) => {
            const url = b.url ? safeUrl(b.url) : undefined;
            if (url) {
              return (
                <a key={j} class="kb-btn" href={url} target="_blank" rel="noopener noreferrer" dir="auto" onClick={(e) => confirmLink(url) || e.preventDefault()}>
                  {b.text} ↗
                </a>
              );
            }
            return (
              <button key={j} type="button" class="kb-btn" dir="auto" disabled={!b.data || busy === b.data} aria-busy={busy === b.data} onClick={() => press(b)}>
                {b.text}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** The composer's bot state: the reply keyboard, and the commands matching the text. */
export function useBotComposer(client: Client, actions: Actions, key: PeerKey, msgs: Msg[], text: string) {
  const s = client.store;
  const kb: ReplyKeyboard = replyKeyboard(msgs, (m) => s.isOwn(m), s.usedKeyboards[key]);
  const bots = chatBots(s.users, key, msgs);
  const wantsCommands = text.startsWith("/");
  const ids = bots.map((b) => b.id).join(",");
  useEffect(() => {
    if (wantsCommands || key.startsWith("u")) for (const b of bots) actions.botCommands(b.id);
  }, [ids, wantsCommands]);
  const commands = commandSuggestions(
    text,
    bots.map((b) => ({ username: b.username, commands: s.botCommands[b.id] ?? [] })),
    key.startsWith("c"),
  );
  return { kb, commands };
}

export function ReplyKeyboardView({ kb, onPick }: { kb: ReplyKeyboard; onPick(text: string): void }) {
  const [shown, setShown] = useState(true);
  useEffect(() => setShown(true), [kb.kind === "keyboard" ? kb.msgId : 0]);
  if (kb.kind !== "keyboard") return null;
  return (
    <div class={kb.resize ? "reply-kb resize" : "reply-kb"}>
      <button type="button" class="kb-toggle" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? t("bot.hideKeyboard") : t("bot.showKeyboard")}
      </button>
      {shown && (
        <div role="group" aria-label={t("bot.keyboard")}>
          {kb.rows.map((row, i) => (
            <div class="kb-row" key={i}>
              {row.map((b, j) => (
                <button key={j} type="button" class="kb-btn" dir="auto" onClick={() => onPick(b)}>
                  {b}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export function CommandList({ items, onPick }: { items: { text: string; description: string }[]; onPick(text: string): void }) {
  if (!items.length) return null;
  return (
    <ul class="commands" aria-label={t("bot.commands")}>
      {items.map((c) => (
        <li key={c.text}>
          <button type="button" onClick={() => onPick(c.text)}>
            <span class="cmd" dir="ltr">
              {c.text}
            </span>{" "}
            <span class="desc" dir="auto">
              {c.description}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** A bot's answer: a passing toast, or with show_alert a dialog the user dismisses. */
export function AnswerView({ answer, onClose }: { answer: Answer | null; onClose(): void }) {
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!answer) return;
    if (answer.alert) {
      ok.current?.focus();
      return;
    }
    const timer = setTimeout(onClose, 4000);
    return () => clearTimeout(timer);
  }, [answer]);
  if (!answer) return null;
  if (answer.alert) {
    return (
      <div class="alert-backdrop">
        <div class="alert" role="alertdialog" aria-modal="true" aria-label={t("bot.alert")}>
          <p dir="auto">{answer.text}</p>
          <button ref={ok} class="primary" onClick={onClose}>
            {t("common.ok")}
          </button>
        </div>
      </div>
    );
  }
  return (
    <p class="toast" role="status" dir="auto">
      {answer.text}
    </p>
  );
}
