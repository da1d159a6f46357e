import type { Actions } from "../core/actions";
import type { Client } from "../core/client";
import type { Msg } from "../core/model";
import { locale, t } from "../i18n";
import { formatNumber, formatTime } from "../i18n/format";
import { BotBadge, InlineKeyboard, type Answer } from "./Bots";
import { MediaView } from "./MediaView";
import { preview } from "./preview";
import { RichText } from "./text";

export interface MessageProps {
  client: Client;
  actions: Actions;
  m: Msg;
  readOutbox: number;
  showSender: boolean;
  selected: boolean;
  onSelect(m: Msg): void;
  onAnswer(a: Answer): void;
}

export function MessageView({ client, actions, m, readOutbox, showSender, selected, onSelect, onAnswer }: MessageProps) {
  const s = client.store;
  if (m.action) {
    return (
      <li class="service" data-id={m.id}>
        <span dir="auto">{preview(client, m)}</span>
      </li>
    );
  }
  const own = s.isOwn(m) && !m.post;
  const sender = s.users[m.fromId];
  const reply = m.replyTo ? s.messages[m.key]?.get(m.replyTo) : undefined;
  const fwdName = m.fwd ? (m.fwd.chatId ? client.title(`c${m.fwd.chatId}`) : client.title(`u${m.fwd.userId}`)) : "";
  return (
    <li class={(own ? "msg out" : "msg in") + (m.media ? " has-media" : "") + (sender?.bot ? " from-bot" : "")} data-id={m.id}>
      {m.media && (
        <div class="media" data-kind={m.media.kind}>
          <MediaView actions={actions} media={m.media} />
        </div>
      )}
      <button class={selected ? "bubble selected" : "bubble"} aria-pressed={selected} onClick={() => onSelect(m)} aria-label={t("msg.actionsFor", { id: m.id })}>
        {showSender && sender && !own && (
          <span class="sender" dir="auto">
            {sender.displayName || sender.username} <BotBadge user={sender} />
          </span>
        )}
        {m.fwd && (
          <span class="fwd" dir="auto">
            {t("msg.forwardedFrom", { name: fwdName })}
          </span>
        )}
        {m.replyTo > 0 && (
          <span class="quote" dir="auto">
            {reply ? preview(client, reply).slice(0, 80) : t("msg.replyUnknown")}
          </span>
        )}
        {(m.text || !m.media) && (
          <span class="text" dir="auto">
            <RichText text={m.text} />
          </span>
        )}
        <span class="meta">
          {m.pinned && <span aria-label={t("msg.pinned")}>📌</span>}
          {m.post && m.postAuthor && <span class="sig" dir="auto">{m.postAuthor}</span>}
          {m.post && <span class="views">{t("msg.views", { n: m.views })}</span>}
          {m.editDate > 0 && <span>{t("msg.edited")}</span>}
          <time>{formatTime(locale(), m.date)}</time>
          {own && (
            <span class="ticks" aria-label={readOutbox >= m.id ? t("msg.read") : t("msg.delivered")} data-read={readOutbox >= m.id ? "1" : "0"}>
              {readOutbox >= m.id ? "✓✓" : "✓"}
            </span>
          )}
        </span>
      </button>
      <InlineKeyboard actions={actions} m={m} onAnswer={onAnswer} />
    </li>
  );
}

export function countText(n: number): string {
  return formatNumber(locale(), n);
}
