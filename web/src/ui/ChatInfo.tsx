import { useEffect, useState } from "preact/hooks";
import type { Actions } from "../core/actions";
import type { Client } from "../core/client";
import type { InviteLink } from "../gen/chapar/v1/chapar_pb";
import { locale, t } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { chatStatus, isAdmin } from "./chatRules";
import { errorText } from "./errors";
import { useStore } from "./hooks";
import { RightsEditor } from "./RightsEditor";

type Member = Awaited<ReturnType<Actions["members"]>>[number];
const SLOW = [0, 10, 30, 60, 300, 900, 3600];
const STATUS_KEYS = ["member.member", "member.member", "member.admin", "member.creator", "member.left", "member.banned"] as const;

export function ChatInfoPage({ client, actions, chatId }: { client: Client; actions: Actions; chatId: number }) {
  useStore(client);
  const chat = client.store.chats[chatId];
  const [members, setMembers] = useState<Member[]>([]);
  const [links, setLinks] = useState<InviteLink[]>([]);
  const [requests, setRequests] = useState<{ userId: number; date: number }[]>([]);
  const [note, setNote] = useState("");
  const [days, setDays] = useState("7");
  const [limit, setLimit] = useState("0");
  const [approval, setApproval] = useState(false);
  const [add, setAdd] = useState("");
  const [editing, setEditing] = useState<{ userId: number; kind: "admin" | "restrict" } | null>(null);
  const self = chat?.self;
  const admin = isAdmin(self?.status);
  const can = (right: string) => self?.status === 3 || (self?.status === 2 && !!self.admin[right]);

  function reload() {
    actions.members(chatId).then(setMembers, () => setMembers([]));
    if (can("inviteUsers")) actions.invites(chatId).then(setLinks, () => setLinks([]));
    if (can("banUsers") || can("inviteUsers")) actions.joinRequests(chatId).then(setRequests, () => setRequests([]));
  }
  useEffect(() => {
    client.loadChat(chatId).then(reload, (e) => setNote(errorText(e)));
  }, [chatId, self?.status]);

  async function run(f: () => Promise<unknown>) {
    setNote("");
    try {
      await f();
      setNote(t("settings.saved"));
      reload();
    } catch (e) {
      setNote(errorText(e));
    }
  }

  if (!chat) return <p>{t("common.loading")}</p>;
  const name = (id: number) => client.title(`u${id}`);
  return (
    <section class="page" aria-labelledby="info-h">
      <header class="bar">
        <a class="back always" href={`#/c/c${chatId}`} aria-label={t("nav.back")}>
          ‹
        </a>
        <h2 id="info-h" class="grow" dir="auto">
          {chat.title}
        </h2>
      </header>
      {note && <p role="status">{note}</p>}
      <p>
        {t(chat.kind === 4 ? "kind.channel" : chat.kind === 3 ? "kind.supergroup" : "kind.group")} · {chatStatus(client, `c${chatId}`)}
        {chat.username && (
          <>
            {" "}
            · <bdi>@{chat.username}</bdi>
          </>
        )}
      </p>
      {chat.kind === 3 && can("changeInfo") && (
        <label>
          {t("info.slowMode")}
          <select value={String(chat.slowMode)} onChange={(e) => run(() => actions.editChat(chatId, { slowModeSeconds: Number(e.currentTarget.value) }))}>
            {SLOW.map((s) => (
              <option key={s} value={String(s)}>
                {s === 0 ? t("info.off") : t("info.seconds", { n: s })}
              </option>
            ))}
          </select>
        </label>
      )}
      {chat.kind === 4 && can("changeInfo") && (
        <label class="check">
          <input type="checkbox" checked={chat.signatures} onChange={(e) => run(() => actions.editChat(chatId, { signatures: e.currentTarget.checked }))} />
          {t("info.signatures")}
        </label>
      )}
      <h3>{t("info.members")}</h3>
      {can("inviteUsers") || chat.kind !== 4 ? (
        <form
          onSubmit={(e) => (
            e.preventDefault(),
            run(async () => {
              const found = (await actions.searchUsers(add.replace(/^@/, ""))).find((u) => u.username.toLowerCase() === add.replace(/^@/, "").toLowerCase());
              if (!found) throw new Error(add);
              await actions.addMember(chatId, found);
            })
          )}
        >
          <label>
            {t("info.addMember")}
            <input name="addMember" value={add} dir="ltr" onInput={(e) => setAdd(e.currentTarget.value)} />
          </label>
          <button type="submit">{t("info.add")}</button>
        </form>
      ) : null}
      <ul class="members">
        {members.map((m) => (
          <li key={m.userId} data-user={m.userId}>
            <span dir="auto">{name(m.userId)}</span> · {t(STATUS_KEYS[m.status] ?? "member.member")}
            {m.restricted.sendMessages && <> · {t("member.muted")}</>}
            {m.userId !== client.store.meId && m.status !== 3 && (
              <>
                {can("addAdmins") &&
                  (m.status === 2 ? (
                    <button onClick={() => run(() => actions.promote(chatId, m.userId, {}))}>{t("member.demote")}</button>
                  ) : (
                    m.status === 1 && (
                      <button onClick={() => run(() => actions.promote(chatId, m.userId, { changeInfo: true, postMessages: chat.kind === 4, deleteMessages: true, banUsers: true, inviteUsers: true, pinMessages: true }))}>
                        {t("member.promote")}
                      </button>
                    )
                  ))}
                {can("banUsers") && m.status === 1 && (
                  <>
                    <button onClick={() => run(() => actions.restrict(chatId, m.userId, m.restricted.sendMessages ? {} : { sendMessages: true }))}>
                      {m.restricted.sendMessages ? t("member.unmute") : t("member.mute")}
                    </button>
                    <button onClick={() => run(() => actions.restrict(chatId, m.userId, { viewMessages: true }))} aria-label={t("member.banName", { name: name(m.userId) })}>
                      {t("member.ban")}
                    </button>
                  </>
                )}
                {can("banUsers") && m.status === 5 && <button onClick={() => run(() => actions.restrict(chatId, m.userId, {}))}>{t("member.unban")}</button>}
                {can("addAdmins") && (m.status === 1 || m.status === 2) && <button onClick={() => setEditing({ userId: m.userId, kind: "admin" })}>{t("rights.edit")}</button>}
                {can("banUsers") && m.status === 1 && <button onClick={() => setEditing({ userId: m.userId, kind: "restrict" })}>{t("rights.restrict")}</button>}
              </>
            )}
            {editing?.userId === m.userId && (
              <RightsEditor
                kind={editing.kind}
                initial={editing.kind === "admin" ? m.admin : m.restricted}
                onCancel={() => setEditing(null)}
                onSave={(flags, hours) => {
                  setEditing(null);
                  run(() =>
                    editing.kind === "admin"
                      ? actions.promote(chatId, m.userId, flags)
                      : actions.restrict(chatId, m.userId, flags, hours > 0 ? Math.floor(Date.now() / 1000) + hours * 3600 : 0),
                  );
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {can("inviteUsers") && (
        <>
          <h3>{t("info.links")}</h3>
          <form
            onSubmit={(e) => (
              e.preventDefault(),
              run(() => actions.createInvite(chatId, Number(days) > 0 ? Math.floor(Date.now() / 1000) + Number(days) * 86400 : 0, Number(limit) || 0, approval))
            )}
          >
            <label>
              {t("info.expiryDays")}
              <input type="number" min="0" max="366" value={days} onInput={(e) => setDays(e.currentTarget.value)} />
            </label>
            <label>
              {t("info.usageLimit")}
              <input type="number" min="0" max="99999" value={limit} onInput={(e) => setLimit(e.currentTarget.value)} />
            </label>
            <label class="check">
              <input type="checkbox" checked={approval} onChange={(e) => setApproval(e.currentTarget.checked)} />
              {t("info.approval")}
            </label>
            <button type="submit">{t("info.createLink")}</button>
          </form>
          <ul class="links">
            {links.map((l) => (
              <li key={l.hash}>
                <code class="link">chapar:join/{l.hash}</code> ·{" "}
                {l.expireDate ? t("info.expires", { when: formatDateTime(locale(), Number(l.expireDate)) }) : t("info.noExpiry")} · {t("info.used", { n: l.usage, max: l.usageLimit || "∞" })}
                {l.requiresApproval && <> · {t("info.approval")}</>}
                {!l.primary && <button onClick={() => run(() => actions.revokeInvite(chatId, l.hash))}>{t("info.revoke")}</button>}
              </li>
            ))}
          </ul>
        </>
      )}
      {requests.length > 0 && (
        <>
          <h3>{t("info.requests")}</h3>
          <ul>
            {requests.map((r) => (
              <li key={r.userId}>
                <span dir="auto">{name(r.userId)}</span>
                <button onClick={() => run(() => actions.decide(chatId, r.userId, true))}>{t("info.approve")}</button>
                <button onClick={() => run(() => actions.decide(chatId, r.userId, false))}>{t("info.decline")}</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {self && self.status !== 4 && self.status !== 5 && self.status !== 3 && (
        <button class="danger" onClick={() => run(() => actions.leave(chatId))}>
          {t("info.leave")}
        </button>
      )}
      {!admin && null}
    </section>
  );
}
