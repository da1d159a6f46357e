// Session and sync state in localStorage: the token, and one snapshot of the state with the pts
// it matches, written in one setItem so a reload (or another tab) never sees a state and a pts
// that disagree. Tabs each sync on their own connection; the last one to save wins, and any
// saved snapshot is consistent, so a reload catches up from its pts with no gap and no double.
import type { Snapshot } from "./store";

export interface SavedSession {
  token: string;
  userId: number;
  deviceCookie: string;
  username: string;
}

const SESSION = "chapar.session";
const STATE = "chapar.state";
const COOKIES = "chapar.cookies";
const PREFS = "chapar.prefs";

function read<T>(key: string): T | undefined {
  try {
    const s = localStorage.getItem(key);
    return s ? (JSON.parse(s) as T) : undefined;
  } catch {
    return undefined;
  }
}

export const persist = {
  session: () => read<SavedSession>(SESSION),
  saveSession(s: SavedSession): void {
    localStorage.setItem(SESSION, JSON.stringify(s));
    const cookies = read<Record<string, string>>(COOKIES) ?? {};
    cookies[s.username.toLowerCase()] = s.deviceCookie;
    localStorage.setItem(COOKIES, JSON.stringify(cookies));
  },
  /** The device cookie of an earlier login of this account here (Login.device_cookie). */
  cookie: (username: string) => read<Record<string, string>>(COOKIES)?.[username.toLowerCase()] ?? "",
  clearSession(): void {
    localStorage.removeItem(SESSION);
    localStorage.removeItem(STATE);
  },
  state: (userId: number) => {
    const s = read<Snapshot>(STATE);
    return s && s.meId === userId ? s : undefined;
  },
  saveState(s: Snapshot): void {
    try {
      localStorage.setItem(STATE, JSON.stringify(s));
    } catch {
      // quota: the snapshot is a cache; the next start syncs from the server instead
    }
  },
  prefs: () => read<Record<string, string>>(PREFS) ?? {},
  savePrefs(p: Record<string, string>): void {
    localStorage.setItem(PREFS, JSON.stringify(p));
  },
  SESSION,
};
