import { useState } from "preact/hooks";
import type { Actions } from "../core/actions";
import type { Client } from "../core/client";
import type { ChatInfo, UserInfo } from "../core/model";
import { ChatKind } from "../gen/chapar/v1/chapar_pb";
import { t } from "../i18n";
import { errorText } from "./errors";
import { go } from "./hooks";

export function NewChat({ client, actions }: { client: Client; actions: Actions }) {
  const [query, setQuery] = useState("");
  const [users, setUsers] = useState<UserInfo[]>([]);
  const [chats, setChats] = useState<ChatInfo[]>([]);
  const [picked, setPicked] = useState<UserInfo[]>([]);
  const [kind, setKind] = useState<ChatKind>(ChatKind.GROUP);
  const [title, setTitle] = useState("");
  const [username, setUsername] = useState("");
  const [link, setLink] = useState("");
  const [error, setError] = useState("");

  async function search(e: Event) {
    e.preventDefault();
    setError("");
    const q = query.trim().replace(/^@/, "");
    if (!q) return;
    try {
      const [u, c] = await Promise.all([actions.searchUsers(q), actions.searchChats(q)]);
      setUsers(u.filter((x) => x.id !== client.store.meId));
      setChats(c);
    } catch (err) {
      setError(errorText(err));
    }
  }

  function open(u: UserInfo) {
    client.store.dialog(`u${u.id}`);
    go(`c/u${u.id}`);
  }

  async function run(f: () => Promise<number>) {
    setError("");
    try {
      const id = await f();
      if (id) go(`c/c${id}`);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section class="page" aria-labelledby="new-h">
      <header class="bar">
        <a class="back" href="#/" aria-label={t("nav.back")}>
          ‹
        </a>
        <h2 id="new-h" class="grow">
          {t("chats.new")}
        </h2>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={search} role="search">
        <label>
          {t("new.search")}
          <input name="search" value={query} dir="ltr" onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <button type="submit">{t("new.searchButton")}</button>
      </form>
      <ul class="results">
        {users.map((u) => (
          <li key={`u${u.id}`}>
            <span dir="auto">{u.displayName}</span> <bdi>@{u.username}</bdi>
            <button onClick={() => open(u)}>{t("new.message")}</button>
            <button onClick={() => setPicked(picked.some((p) => p.id === u.id) ? picked : [...picked, u])}>{t("new.addToGroup")}</button>
          </li>
        ))}
        {chats.map((c) => (
          <li key={`c${c.id}`}>
            <span dir="auto">{c.title}</span> <bdi>@{c.username}</bdi>
            <button onClick={() => run(() => actions.join("@" + c.username))}>{t("new.join")}</button>
          </li>
        ))}
      </ul>
      <h3>{t("new.create")}</h3>
      <form onSubmit={(e) => (e.preventDefault(), run(() => actions.createChat(kind, title.trim(), kind === ChatKind.GROUP ? "" : username.trim(), picked)))}>
        <label>
          {t("new.kind")}
          <select value={String(kind)} onChange={(e) => setKind(Number(e.currentTarget.value) as ChatKind)}>
            <option value={String(ChatKind.GROUP)}>{t("kind.group")}</option>
            <option value={String(ChatKind.SUPERGROUP)}>{t("kind.supergroup")}</option>
            <option value={String(ChatKind.CHANNEL)}>{t("kind.channel")}</option>
          </select>
        </label>
        <label>
          {t("new.title")}
          <input name="title" required value={title} dir="auto" onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        {kind !== ChatKind.GROUP && (
          <label>
            {t("new.publicName")}
            <input name="publicName" value={username} dir="ltr" onInput={(e) => setUsername(e.currentTarget.value)} />
          </label>
        )}
        {picked.length > 0 && (
          <p>
            {t("new.members")}: {picked.map((p) => "@" + p.username).join(", ")}
          </p>
        )}
        <button type="submit" class="primary">
          {t("new.createButton")}
        </button>
      </form>
      <h3>{t("new.joinTitle")}</h3>
      <form onSubmit={(e) => (e.preventDefault(), run(() => actions.join(link)))}>
        <label>
          {t("new.joinLink")}
          <input name="link" value={link} dir="ltr" onInput={(e) => setLink(e.currentTarget.value)} />
        </label>
        <button type="submit">{t("new.join")}</button>
      </form>
    </section>
  );
}
