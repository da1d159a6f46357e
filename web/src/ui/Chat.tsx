import { useEffect, useRef, useState } from "preact/hooks";
import type { Actions } from "../core/actions";
import { ChaparError } from "../core/connection";
import type { Client } from "../core/client";
import type { Msg, PeerKey } from "../core/model";
import { locale, t } from "../i18n";
import { dayKey, formatDateTime, formatDay } from "../i18n/format";
import { AttachButton, AttachmentBar, firstFile, useAttachment } from "./Attach";
import { AnswerView, BotBadge, CommandList, ReplyKeyboardView, useBotComposer, type Answer } from "./Bots";
import { canSend, chatStatus } from "./chatRules";
import { errorText } from "./errors";
import { go, useStore } from "./hooks";
import { MessageView } from "./Message";
import { preview } from "./preview";
import { RecordButton } from "./Recorder";

export function Chat({ client, actions, chatKey }: { client: Client; actions: Actions; chatKey: PeerKey }) {
  useStore(client);
  const s = client.store;
  const list = useRef<HTMLOListElement>(null);
  const [selected, setSelected] = useState<Msg | null>(null);
  const [replyTo, setReplyTo] = useState<Msg | null>(null);
  const [editing, setEditing] = useState<Msg | null>(null);
  const [forwardTo, setForwardTo] = useState("");
  const [error, setError] = useState("");
  const [older, setOlder] = useState(true);
  const [slowUntil, setSlowUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  // sends not yet acknowledged (durably stored): shown with a clock until the answer comes
  const [pending, setPending] = useState<{ id: number; text: string }[]>([]);
  const firstUnread = useRef(0);
  const viewed = useRef(new Set<number>());
  const lastTyping = useRef(0);
  const dialog = s.dialogs[chatKey];
  const msgs = s.history(chatKey);
  const chat = chatKey.startsWith("c") ? s.chats[Number(chatKey.slice(1))] : undefined;
  const text = s.drafts[chatKey] ?? "";
  const media = useAttachment();
  const [dragging, setDragging] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const bot = useBotComposer(client, actions, chatKey, msgs, text);
  const forceReplyId = bot.kb.kind === "forceReply" ? bot.kb.msgId : 0;

  // a bot's force_reply: the composer answers that message, focused
  useEffect(() => {
    const m = forceReplyId ? s.messages[chatKey]?.get(forceReplyId) : undefined;
    if (!m) return;
    setReplyTo(m);
    input.current?.focus();
  }, [forceReplyId, chatKey]);

  useEffect(() => {
    setSelected(null);
    setReplyTo(null);
    setEditing(null);
    setOlder(true);
    media.cancel();
    firstUnread.current = dialog && dialog.unread > 0 ? dialog.readInbox + 1 : 0;
    actions.history(chatKey, 0).then(
      () => requestAnimationFrame(() => list.current?.lastElementChild?.scrollIntoView({ block: "end" })),
      (e) => setError(errorText(e)),
    );
    if (chat && !chat.self) client.loadChat(chat.id).catch(() => undefined);
  }, [chatKey]);

  // leaving the chat drops an upload that was not sent (the server deletes its bytes)
  useEffect(() => () => media.cancel(), []);

  // read what is shown: everything loaded up to the newest message
  const newest = msgs.length ? msgs[msgs.length - 1].id : 0;
  useEffect(() => {
    if (newest && document.visibilityState === "visible") actions.read(chatKey, newest);
    const el = list.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 120) el.lastElementChild?.scrollIntoView({ block: "end" });
  }, [newest, chatKey]);

  // channel posts: count this account's view once per post
  useEffect(() => {
    if (!chat || chat.kind !== 4) return;
    const ids = msgs.filter((m) => m.post && !viewed.current.has(m.id)).map((m) => m.id);
    if (ids.length === 0) return;
    ids.forEach((id) => viewed.current.add(id));
    actions.views(chat.id, ids).catch(() => undefined);
  }, [msgs.length, chatKey]);

  useEffect(() => {
    if (slowUntil <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [slowUntil]);

  const loading = useRef(false);
  async function loadOlder() {
    // scroll events come in bursts: one page at a time
    if (!older || msgs.length === 0 || loading.current) return;
    loading.current = true;
    const el = list.current!;
    const before = el.scrollHeight;
    try {
      const got = await actions.history(chatKey, msgs[0].id).catch(() => 0);
      if (got === 0) setOlder(false);
      requestAnimationFrame(() => (el.scrollTop += el.scrollHeight - before));
    } finally {
      loading.current = false;
    }
  }

  function setText(v: string) {
    if (v) s.drafts[chatKey] = v;
    else delete s.drafts[chatKey];
    client.dirty();
    if (v && Date.now() - lastTyping.current > 4000) {
      lastTyping.current = Date.now();
      actions.typing(chatKey);
    }
  }

  async function submit(e: Event) {
    e.preventDefault();
    const body = text.trim();
    if (media.att && !editing) return sendMedia(body);
    // a caption may be emptied; a text may not
    if (!body && !editing?.media) return;
    setError("");
    const local = { id: Date.now() + Math.random(), text: body };
    try {
      setText("");
      if (editing) await actions.edit(chatKey, editing.id, body);
      else {
        setPending((p) => [...p, local]);
        await actions.send(chatKey, body, replyTo?.id ?? 0).finally(() => setPending((p) => p.filter((x) => x !== local)));
      }
      setReplyTo(null);
      setEditing(null);
      if (chat?.slowMode && !(chat.self && chat.self.status >= 2 && chat.self.status <= 3)) setSlowUntil(Date.now() + chat.slowMode * 1000);
    } catch (err) {
      if (!s.drafts[chatKey]) setText(body);
      if (err instanceof ChaparError && err.code === "SLOW_MODE_WAIT") setSlowUntil(Date.now() + err.retryAfterMs);
      setError(errorText(err));
    }
  }

  /** A reply keyboard button or a command: sent as the user's message at once. */
  async function sendNow(body: string, fromKeyboard: boolean) {
    setError("");
    if (fromKeyboard && bot.kb.kind === "keyboard" && bot.kb.oneTime) {
      s.usedKeyboards[chatKey] = bot.kb.msgId;
      client.dirty();
    }
    if (!fromKeyboard) setText("");
    try {
      await actions.send(chatKey, body, replyTo?.id ?? 0);
      setReplyTo(null);
    } catch (err) {
      setError(errorText(err));
    }
  }

  const sendingMedia = useRef(false);
  async function sendMedia(caption: string) {
    const att = media.att!;
    // one upload is one message: a second Send while the first waits would be refused
    if (sendingMedia.current) return;
    sendingMedia.current = true;
    setError("");
    try {
      // an upload that fails or is cancelled says so on the attachment bar, where Retry is
      const input = await att.done.catch(() => undefined);
      if (!input) return;
      await actions.sendMedia(chatKey, input, caption, replyTo?.id ?? 0);
      media.clear();
      setText("");
      setReplyTo(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      sendingMedia.current = false;
    }
  }

  function dropped(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const f = firstFile(e.dataTransfer?.files);
    if (f && sendable) media.attach(f, f.name);
  }

  async function act(f: () => Promise<void>) {
    setError("");
    try {
      await f();
    } catch (err) {
      setError(errorText(err));
    }
    setSelected(null);
  }

  const typing = s.typing[chatKey];
  const typist = typing ? s.users[typing.userId] : undefined;
  const slowLeft = Math.max(0, Math.ceil((slowUntil - now) / 1000));
  const sendable = canSend(s, chatKey);
  let lastDay = "";
  const pinned = chat?.pinnedId ? s.messages[chatKey]?.get(chat.pinnedId) : undefined;
  const unreadAt = firstUnread.current;

  return (
    <section
      class={dragging ? "chat dragging" : "chat"}
      aria-label={client.title(chatKey)}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => e.target === e.currentTarget && setDragging(false)}
      onDrop={dropped}
    >
      <header class="bar">
        <a class="back" href="#/" aria-label={t("nav.back")}>
          ‹
        </a>
        <div class="grow">
          <h2>
            <bdi>{client.title(chatKey)}</bdi> {chatKey.startsWith("u") && <BotBadge user={s.users[Number(chatKey.slice(1))]} />}
          </h2>
          <p class="sub" aria-live="polite">
            {typist ? t("chat.typing", { name: typist.displayName || typist.username }) : chatStatus(client, chatKey)}
          </p>
        </div>
        {chat && (
          <button class="info" onClick={() => go(`info/${chatKey}`)} aria-label={t("chat.info")}>
            i
          </button>
        )}
      </header>
      {pinned && (
        <p class="pinned" dir="auto">
          📌 {preview(client, pinned).slice(0, 100)}
        </p>
      )}
      {unreadAt > 0 && (
        <button class="jump" onClick={() => list.current?.querySelector(".unread-sep")?.scrollIntoView({ block: "start" })}>
          {t("chat.jumpUnread")}
        </button>
      )}
      <ol class="messages" ref={list} onScroll={(e) => e.currentTarget.scrollTop < 40 && loadOlder()} aria-label={t("chat.messages")}>
        {msgs.map((m) => {
          const day = dayKey(locale(), m.date);
          const sep = day !== lastDay;
          lastDay = day;
          return [
            sep && (
              <li class="day" key={`d${m.id}`}>
                <span>{formatDay(locale(), m.date)}</span>
              </li>
            ),
            unreadAt > 0 && m.id === unreadAt ? (
              <li class="unread-sep" key="unread">
                <span>{t("chat.unreadBelow")}</span>
              </li>
            ) : null,
            <MessageView key={m.id} client={client} actions={actions} m={m} readOutbox={dialog?.readOutbox ?? 0} showSender={chatKey.startsWith("c")} selected={selected?.id === m.id} onSelect={(x) => setSelected(selected?.id === x.id ? null : x)} onAnswer={setAnswer} />,
          ];
        })}
        {pending.map((p) => (
          <li class="msg out pending" key={`p${p.id}`}>
            <span class="bubble">
              <span class="text" dir="auto">
                {p.text}
              </span>
              <span class="meta" aria-label={t("msg.sending")}>
                🕓
              </span>
            </span>
          </li>
        ))}
      </ol>
      {selected && (
        <div class="actions" role="toolbar" aria-label={t("msg.actions")}>
          <span class="when">{formatDateTime(locale(), selected.date)}</span>
          <button onClick={() => (setReplyTo(selected), setSelected(null))}>{t("msg.reply")}</button>
          {s.isOwn(selected) && <button onClick={() => (setEditing(selected), setText(selected.text), setSelected(null))}>{t("msg.edit")}</button>}
          <button onClick={() => act(() => actions.remove(chatKey, [selected.id], false))}>{t("msg.deleteForMe")}</button>
          <button onClick={() => act(() => actions.remove(chatKey, [selected.id], true))}>{t("msg.deleteForAll")}</button>
          <button onClick={() => act(() => actions.pin(chatKey, selected.id, selected.pinned))}>{selected.pinned ? t("msg.unpin") : t("msg.pin")}</button>
          <label>
            {t("msg.forwardTo")}
            <select value={forwardTo} onChange={(e) => setForwardTo(e.currentTarget.value)}>
              <option value="">—</option>
              {s.sortedDialogs().map((d) => (
                <option key={d.key} value={d.key}>
                  {client.title(d.key)}
                </option>
              ))}
            </select>
          </label>
          <button disabled={!forwardTo} onClick={() => act(() => actions.forward(chatKey, selected.id, forwardTo))}>
            {t("msg.forward")}
          </button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <AnswerView answer={answer} onClose={() => setAnswer(null)} />
      {sendable && !editing && <CommandList items={bot.commands} onPick={(c) => sendNow(c, false)} />}
      {sendable ? (
        <form class="composer" onSubmit={submit}>
          {(replyTo || editing) && (
            <p class="replying">
              <span dir="auto">{editing ? t("msg.editing") : t("msg.replyingTo", { text: preview(client, replyTo!).slice(0, 60) })}</span>
              <button type="button" onClick={() => (setReplyTo(null), editing && setText(""), setEditing(null))}>
                {t("common.cancel")}
              </button>
            </p>
          )}
          {media.att && <AttachmentBar att={media.att} onCancel={media.cancel} onRetry={media.retry} />}
          {!editing && <AttachButton onFile={(f) => media.attach(f, f.name)} />}
          <label class="grow">
            <span class="sr-only">{t("chat.message")}</span>
            <textarea
              aria-label={t("chat.message")}
              ref={input}
              placeholder={(bot.kb.kind !== "none" && bot.kb.placeholder) || t("chat.placeholder")}
              dir="auto"
              rows={1}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              onPaste={(e) => {
                const f = firstFile(e.clipboardData?.files);
                if (!f || editing) return;
                e.preventDefault();
                media.attach(f, f.name || `pasted.${f.type.split("/")[1] ?? "bin"}`);
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.shiftKey) submit(e);
                // Tab completes the first command offered, as Telegram's desktop client does
                const first = bot.commands[0]?.text;
                if (e.key === "Tab" && !e.shiftKey && first && first !== text) {
                  e.preventDefault();
                  setText(first);
                }
              }}
            />
          </label>
          {!editing && !media.att && <RecordButton onRecorded={(b, seconds) => media.attach(b, `voice.${b.type.split("/")[1] ?? "webm"}`, { duration: seconds })} onError={setError} />}
          <button type="submit" class="primary" disabled={slowLeft > 0 || media.att?.status === "failed"}>
            {slowLeft > 0 ? t("chat.slowMode", { n: slowLeft }) : t("chat.send")}
          </button>
        </form>
      ) : null}
      {sendable && !editing && <ReplyKeyboardView kb={bot.kb} onPick={(b) => sendNow(b, true)} />}
      {sendable ? null : (
        <p class="notice" role="status">
          {t("chat.cannotSend")}
        </p>
      )}
    </section>
  );
}
