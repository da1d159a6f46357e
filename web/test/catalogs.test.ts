import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en";
import { fa } from "../src/i18n/fa";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? (f === "gen" ? [] : sources(p)) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const ui = sources(join(__dirname, "../src/ui"));

describe("message catalogs", () => {
  it("fa has exactly the keys of en, none empty", () => {
    expect(Object.keys(fa).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(fa)) expect(v.trim(), k).not.toBe("");
  });

  it("placeholders match between the catalogs", () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(ph(fa[k]), k).toEqual(ph(en[k]));
  });

  it("every key a component uses is in the catalogs", () => {
    const used = new Set<string>();
    for (const f of ui) for (const m of readFileSync(f, "utf8").matchAll(/\bt\(\s*"([\w.]+)"/g)) used.add(m[1]);
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !(k in en) || !(k in fa));
    expect(missing).toEqual([]);
  });

  it("no component text is hard-coded", () => {
    // JSX text between tags that contains letters is a string a translator never sees
    const offenders: string[] = [];
    for (const f of ui) {
      const src = readFileSync(f, "utf8");
      for (const m of src.matchAll(/(?<![=-])>\s*([A-Za-z][A-Za-z ,.'!?]{2,})\s*</g)) offenders.push(`${f}: ${m[1]}`);
      for (const m of src.matchAll(/(?:aria-label|title|placeholder)="([^"{]+)"/g)) offenders.push(`${f}: ${m[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it("the Persian catalog is Persian", () => {
    const persian = Object.values(fa).filter((v) => /[\u0600-\u06FF]/.test(v)).length;
    expect(persian / Object.keys(fa).length).toBeGreaterThan(0.95);
  });
});
