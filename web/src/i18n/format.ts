// Numbers and dates in the UI's locale through Intl: "fa" gives Persian digits and the Solar
// Hijri calendar (ICU's default for Persian), "en" Latin digits and the Gregorian calendar.
export type Locale = "en" | "fa";

const tags: Record<Locale, string> = { en: "en-GB", fa: "fa-IR" };

// Making an Intl formatter costs far more than using one (a chat of 1,000 messages formats
// 3,000 dates per render), so each is made once per locale and kind.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(locale: Locale, kind: string, make: (tag: string) => T): T {
  const key = locale + kind;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make(tags[locale])));
  return f as T;
}

export function formatNumber(locale: Locale, v: number): string {
  return formatter(locale, "n", (t) => new Intl.NumberFormat(t)).format(v);
}

export function formatTime(locale: Locale, unixSeconds: number): string {
  return formatter(locale, "t", (t) => new Intl.DateTimeFormat(t, { hour: "2-digit", minute: "2-digit" })).format(unixSeconds * 1000);
}

export function formatDay(locale: Locale, unixSeconds: number): string {
  return formatter(locale, "d", (t) => new Intl.DateTimeFormat(t, { year: "numeric", month: "long", day: "numeric" })).format(unixSeconds * 1000);
}

export function formatDateTime(locale: Locale, unixSeconds: number): string {
  return formatter(locale, "dt", (t) => new Intl.DateTimeFormat(t, { dateStyle: "medium", timeStyle: "short" })).format(unixSeconds * 1000);
}

/** The calendar day of a time in the locale's calendar, for date separators. */
export function dayKey(locale: Locale, unixSeconds: number): string {
  return formatter(locale, "k", (t) => new Intl.DateTimeFormat(t, { year: "numeric", month: "numeric", day: "numeric" })).format(unixSeconds * 1000);
}

export function dirOf(locale: Locale): "rtl" | "ltr" {
  return locale === "fa" ? "rtl" : "ltr";
}

/** The browser's language, if one we have a catalog for. */
export function pickLocale(languages: readonly string[]): Locale {
  for (const l of languages) {
    const base = l.toLowerCase().split("-")[0];
    if (base === "fa") return "fa";
    if (base === "en") return "en";
  }
  return "en";
}

/** Each language by its own name (an endonym is the same in every UI language). */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", fa: "فارسی" };

/** A file size in B, kB or MB (decimal units, as file managers show them). */
export function formatSize(locale: Locale, bytes: number): string {
  const [unit, v] = bytes >= 1e6 ? ["megabyte", bytes / 1e6] : bytes >= 1e3 ? ["kilobyte", bytes / 1e3] : ["byte", bytes];
  return formatter(locale, "size" + unit, (t) => new Intl.NumberFormat(t, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 })).format(v);
}

/** A duration as m:ss in the locale's digits. */
export function formatDuration(locale: Locale, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = formatter(locale, "2d", (t) => new Intl.NumberFormat(t, { minimumIntegerDigits: 2 }));
  return `${formatNumber(locale, Math.floor(s / 60))}:${two.format(s % 60)}`;
}
