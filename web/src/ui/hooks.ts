import { useEffect, useState } from "preact/hooks";
import type { Client } from "../core/client";

/** Re-renders the component whenever the store changes. */
export function useStore(c: Client): number {
  const [, set] = useState(0);
  useEffect(() => c.store.subscribe(() => set(c.store.version)), [c]);
  return c.store.version;
}

/** The hash route, e.g. "#/c/u12" -> ["c", "u12"]. */
export function useRoute(): string[] {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const f = () => setHash(location.hash);
    addEventListener("hashchange", f);
    return () => removeEventListener("hashchange", f);
  }, []);
  return hash.replace(/^#\/?/, "").split("/").filter(Boolean);
}

export function go(path: string): void {
  location.hash = "#/" + path;
}
