// Message text as text: never parsed as HTML (Preact sets text nodes); only http and https
// links become anchors, and those open with no opener and no referrer.
const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

export type Part = { text: string; href?: string };

/** Splits text into plain parts and safe links (what the renderer and the tests use). */
export function linkParts(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const raw = m[0].replace(/[.,;:!?)\]]+$/, "");
    const at = m.index ?? 0;
    let href: string | undefined;
    try {
      const u = new URL(raw);
      if (u.protocol === "http:" || u.protocol === "https:") href = u.href;
    } catch {
      href = undefined;
    }
    if (!href) continue;
    if (at > last) parts.push({ text: text.slice(last, at) });
    parts.push({ text: raw, href });
    last = at + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export function RichText({ text }: { text: string }) {
  return (
    <>
      {linkParts(text).map((p, i) =>
        p.href ? (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer">
            {p.text}
          </a>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
