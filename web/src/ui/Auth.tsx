import { useState } from "preact/hooks";
import type { Actions } from "../core/actions";
import { t } from "../i18n";
import { errorText } from "./errors";

export function Auth({ actions }: { actions: Actions }) {
  const [mode, setMode] = useState<"login" | "signup">("login");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      if (mode === "signup") await actions.register(username.trim(), password, displayName.trim());
      else await actions.login(username.trim(), password);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="auth">
      <h1>{t("app.name")}</h1>
      <div class="tabs" role="tablist">
        <button role="tab" aria-selected={mode === "login"} onClick={() => setMode("login")}>
          {t("auth.login")}
        </button>
        <button role="tab" aria-selected={mode === "signup"} onClick={() => setMode("signup")}>
          {t("auth.signup")}
        </button>
      </div>
      <form onSubmit={submit}>
        <label>
          {t("auth.username")}
          <input name="username" autocomplete="username" required minLength={5} maxLength={32} value={username} onInput={(e) => setUsername(e.currentTarget.value)} dir="ltr" />
        </label>
        <label>
          {t("auth.password")}
          <input name="password" type="password" autocomplete={mode === "signup" ? "new-password" : "current-password"} required minLength={8} value={password} onInput={(e) => setPassword(e.currentTarget.value)} dir="ltr" />
        </label>
        {mode === "signup" && (
          <label>
            {t("auth.displayName")}
            <input name="displayName" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} dir="auto" />
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {mode === "signup" ? t("auth.signup") : t("auth.login")}
        </button>
      </form>
    </main>
  );
}
