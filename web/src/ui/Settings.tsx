import { useEffect, useState } from "preact/hooks";
import type { Actions } from "../core/actions";
import type { Client } from "../core/client";
import { persist } from "../core/persist";
import { locale, setLocale, t } from "../i18n";
import { formatDateTime, LANGUAGE_NAMES, type Locale } from "../i18n/format";
import type { Session } from "../gen/chapar/v1/chapar_pb";
import { errorText } from "./errors";
import { go, useStore } from "./hooks";

export function Settings({ client, actions }: { client: Client; actions: Actions }) {
  useStore(client);
  const me = client.store.users[client.store.meId];
  const [name, setName] = useState(me?.displayName ?? "");
  const [handle, setHandle] = useState(me?.username ?? "");
  const [sessions, setSessions] = useState<Session[]>([]);
  const [note, setNote] = useState("");
  const [privacy, setPrivacy] = useState<{ lastSeen: number; groupInvites: number } | null>(null);

  const loadSessions = () => actions.sessions().then((l) => setSessions(l.sessions), (e) => setNote(errorText(e)));
  useEffect(() => {
    loadSessions();
    actions.privacy().then((p) => setPrivacy({ lastSeen: p.lastSeen, groupInvites: p.groupInvites }), () => setPrivacy(null));
  }, []);

  const audience = (value: number, onChange: (v: number) => void, label: string) => (
    <label>
      {label}
      <select value={String(value)} onChange={(e) => onChange(Number(e.currentTarget.value))}>
        <option value="1">{t("privacy.everybody")}</option>
        <option value="2">{t("privacy.partners")}</option>
        <option value="3">{t("privacy.nobody")}</option>
      </select>
    </label>
  );
  const savePrivacy = (lastSeen: number, groupInvites: number) =>
    run(async () => {
      const p = await actions.setPrivacy(lastSeen, groupInvites);
      setPrivacy({ lastSeen: p.lastSeen, groupInvites: p.groupInvites });
    }, t("settings.saved"));

  /** Sends only what changed, so a rename never resets the other field. */
  function saveProfile() {
    const displayName = name.trim();
    const username = handle.trim().replace(/^@/, "");
    return actions.updateProfile({
      displayName: displayName !== me?.displayName ? displayName : undefined,
      username: username !== me?.username ? username : undefined,
    });
  }

  async function run(f: () => Promise<unknown>, done: string) {
    setNote("");
    try {
      await f();
      setNote(done);
    } catch (e) {
      setNote(errorText(e));
    }
  }

  function changeLanguage(l: string) {
    if (l !== "en" && l !== "fa") return;
    setLocale(l);
    persist.savePrefs({ ...persist.prefs(), locale: l });
    client.store.changed();
  }

  return (
    <section class="page" aria-labelledby="settings-h">
      <header class="bar">
        <a class="back" href="#/" aria-label={t("nav.back")}>
          ‹
        </a>
        <h2 id="settings-h" class="grow">
          {t("settings.title")}
        </h2>
      </header>
      {note && <p role="status">{note}</p>}
      <h3>{t("settings.profile")}</h3>
      <form onSubmit={(e) => (e.preventDefault(), run(() => saveProfile(), t("settings.saved")))}>
        <label>
          {t("auth.displayName")}
          <input value={name} dir="auto" onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          {t("settings.username")}
          <input value={handle} dir="ltr" autocomplete="username" spellcheck={false} onInput={(e) => setHandle(e.currentTarget.value)} />
        </label>
        <button type="submit">{t("common.save")}</button>
      </form>
      <h3>{t("settings.language")}</h3>
      <label>
        {t("settings.language")}
        <select aria-label={t("settings.language")} value={locale()} onChange={(e) => changeLanguage(e.currentTarget.value)}>
          {(Object.keys(LANGUAGE_NAMES) as Locale[]).map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <h3>{t("privacy.title")}</h3>
      {privacy && (
        <>
          {audience(privacy.lastSeen, (v) => savePrivacy(v, 0), t("privacy.lastSeen"))}
          {audience(privacy.groupInvites, (v) => savePrivacy(0, v), t("privacy.groupInvites"))}
        </>
      )}
      <h3>{t("settings.sessions")}</h3>
      <ul class="sessions">
        {sessions.map((s) => (
          <li key={String(s.id)}>
            <span dir="auto">{s.device || t("settings.unknownDevice")}</span> · {formatDateTime(locale(), Number(s.lastActive))}
            {s.current && <strong> · {t("settings.thisDevice")}</strong>}
          </li>
        ))}
      </ul>
      <button onClick={() => run(() => actions.terminateOthers().then(loadSessions), t("settings.terminated"))}>{t("settings.terminateOthers")}</button>
      <h3>{t("settings.account")}</h3>
      <button class="danger" onClick={() => actions.logout().catch(() => undefined).then(() => go(""))}>
        {t("auth.logout")}
      </button>
    </section>
  );
}
