// The message catalogs and t(): every string the UI shows comes from here (test/catalogs.test.ts
// fails on a key missing from either catalog or used in a component but defined in neither).
import { en } from "./en";
import { fa } from "./fa";
import { dirOf, formatNumber, pickLocale, type Locale } from "./format";

export type Key = keyof typeof en;
export const catalogs: Record<Locale, Record<string, string>> = { en, fa };

let current: Locale = "en";

export function locale(): Locale {
  return current;
}

/** Sets the UI language and mirrors the document for right-to-left ones. */
export function setLocale(l: Locale): void {
  current = l;
  if (typeof document !== "undefined") {
    document.documentElement.lang = l;
    document.documentElement.dir = dirOf(l);
  }
}

export function initialLocale(saved: string | undefined): Locale {
  if (saved === "en" || saved === "fa") return saved;
  return pickLocale(typeof navigator === "undefined" ? [] : navigator.languages);
}

/** The text of key in the current language; {name} placeholders filled, numbers localised. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const s = catalogs[current][key] ?? en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, p: string) => {
    const v = params[p];
    return typeof v === "number" ? formatNumber(current, v) : (v ?? "");
  });
}

export { formatNumber };
