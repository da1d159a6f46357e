// Writes NAME.gz and NAME.br beside every text file of the build (the server sends them when the
// browser accepts them), lists the files for the server's jar loader, and prints the first-load
// size: the JS and CSS that index.html names, gzip and brotli.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const out = new URL("../target/classes/chapar-web/", import.meta.url).pathname;
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
};
walk(out);
const text = /\.(js|css|html|svg|json|webmanifest|txt)$/;
const listed = [];
for (const f of files) {
  if (/\.(gz|br)$/.test(f) || f.endsWith("files.txt")) continue;
  listed.push(relative(out, f));
  if (!text.test(f)) continue;
  const body = readFileSync(f);
  writeFileSync(f + ".gz", gzipSync(body, { level: 9 }));
  writeFileSync(f + ".br", brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  listed.push(relative(out, f) + ".gz", relative(out, f) + ".br");
}
writeFileSync(join(out, "files.txt"), listed.sort().join("\n") + "\n");

const html = readFileSync(join(out, "index.html"), "utf8");
const first = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let raw = 0, gz = 0, br = 0;
for (const a of first) {
  const body = readFileSync(join(out, a));
  raw += body.length;
  gz += gzipSync(body, { level: 9 }).length;
  br += brotliCompressSync(body).length;
}
const kib = (n) => (n / 1024).toFixed(1);
console.log(`first load (${first.join(", ")}): ${kib(raw)} KiB raw, ${kib(gz)} KiB gzip, ${kib(br)} KiB brotli (budget 300 KiB compressed)`);
if (gz > 300 * 1024) {
  console.error("first load is over the 300 KiB budget");
  process.exit(1);
}
