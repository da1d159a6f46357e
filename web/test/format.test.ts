import { describe, expect, it } from "vitest";
import { dayKey, dirOf, formatDay, formatNumber, formatTime, pickLocale } from "../src/i18n/format";
import { linkParts } from "../src/ui/text";
import { Backoff } from "../src/core/backoff";

// 2026-03-21 12:00 UTC: 1 Farvardin 1405 in the Solar Hijri calendar
const NOWRUZ = Date.UTC(2026, 2, 21, 12) / 1000;

describe("formatting", () => {
  it("Persian digits in fa, Latin in en", () => {
    expect(formatNumber("fa", 1234)).toBe("۱٬۲۳۴");
    expect(formatNumber("en", 1234)).toBe("1,234");
  });

  it("the Solar Hijri calendar in fa", () => {
    const day = formatDay("fa", NOWRUZ);
    expect(day).toContain("۱۴۰۵");
    expect(day).toContain("فروردین");
    expect(formatDay("en", NOWRUZ)).toContain("2026");
  });

  it("times and day keys use the locale's digits", () => {
    expect(formatTime("fa", NOWRUZ)).toMatch(/^[۰-۹:٫\s]+$/);
    expect(dayKey("fa", NOWRUZ)).not.toBe(dayKey("fa", NOWRUZ + 86400));
  });

  it("direction and browser language", () => {
    expect(dirOf("fa")).toBe("rtl");
    expect(dirOf("en")).toBe("ltr");
    expect(pickLocale(["fa-IR", "en"])).toBe("fa");
    expect(pickLocale(["de-DE", "en-US"])).toBe("en");
    expect(pickLocale(["de-DE"])).toBe("en");
  });
});

describe("links in message text", () => {
  it("http and https become links, trailing punctuation stays text", () => {
    expect(linkParts("see https://example.org/a, ok")).toEqual([
      { text: "see " },
      { text: "https://example.org/a", href: "https://example.org/a" },
      { text: ", ok" },
    ]);
  });

  it("other schemes and markup stay text", () => {
    for (const s of ["javascript:alert(1)", "<a href='x'>x</a>", "data:text/html,<script>", "ftp://x.org/"]) {
      expect(linkParts(s).every((p) => !p.href)).toBe(true);
    }
  });
});

describe("Backoff", () => {
  it("grows to its ceiling with jitter and resets", () => {
    const b = new Backoff(500, 30000, () => 1);
    expect([b.next(), b.next(), b.next()]).toEqual([500, 1000, 2000]);
    for (let i = 0; i < 20; i++) b.next();
    expect(b.next()).toBe(30000);
    b.reset();
    expect(b.next()).toBe(500);
    expect(new Backoff(500, 30000, () => 0).next()).toBe(250);
  });
});
