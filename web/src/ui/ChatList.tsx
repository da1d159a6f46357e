import type { Client } from "../core/client";
import type { Msg } from "../core/model";
import { locale, t } from "../i18n";
import { formatDay, formatNumber, formatTime } from "../i18n/format";
import { BotBadge } from "./Bots";
import { go, useStore } from "./hooks";
import { preview } from "./preview";

export function ChatList({ client, active }: { client: Client; active: string }) {
  useStore(client);
  const s = client.store;
  const dialogs = s.sortedDialogs();
  const me = s.users[s.meId];
  return (
    <nav class="sidebar" aria-label={t("chats.title")}>
      <header class="bar">
        <h1 class="grow">{t("chats.title")}</h1>
        {client.status !== "online" && (
          <span class="offline" role="status">
            {client.status === "connecting" ? t("status.connecting") : t("status.offline")}
          </span>
        )}
        <button onClick={() => go("new")} aria-label={t("chats.new")} title={t("chats.new")}>
          +
        </button>
        <button onClick={() => go("settings")} aria-label={t("settings.title")} title={t("settings.title")}>
          ⚙
        </button>
      </header>
      {me && <p class="me" dir="auto">{me.displayName}</p>}
      {dialogs.length === 0 && <p class="empty">{t("chats.empty")}</p>}
      <ul class="dialogs">
        {dialogs.map((d) => {
          const top: Msg | undefined = s.messages[d.key]?.get(d.top);
          const draft = s.drafts[d.key];
          const today = top && formatDay(locale(), top.date) === formatDay(locale(), Date.now() / 1000);
          return (
            <li key={d.key}>
              <a href={`#/c/${d.key}`} class={d.key === active ? "dialog active" : "dialog"} aria-current={d.key === active ? "page" : undefined} data-key={d.key}>
                <span class="title" dir="auto">
                  {client.title(d.key)} {d.key.startsWith("u") && <BotBadge user={s.users[Number(d.key.slice(1))]} />}
                </span>
                {top && <time class="when">{today ? formatTime(locale(), top.date) : formatDay(locale(), top.date)}</time>}
                <span class="last" dir="auto">
                  {draft ? (
                    <>
                      <em class="draft">{t("chats.draft")}</em> {draft}
                    </>
                  ) : top ? (
                    preview(client, top)
                  ) : (
                    ""
                  )}
                </span>
                {d.mentions > 0 && (
                  <span class="badge mention" aria-label={t("chats.mentions", { n: d.mentions })}>
                    @
                  </span>
                )}
                {d.unread > 0 && (
                  <span class="badge" aria-label={t("chats.unread", { n: d.unread })}>
                    {formatNumber(locale(), d.unread)}
                  </span>
                )}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
