// What HTTP/2 would save the web client over HTTP/1.1 on TLS (ADR 0031), run by bench/h2-probe:
// a stand-in static server (Node's http2 module, the same TLS 1.3 either way) offers ALPN h2 or
// only http/1.1, and headless Chromium, on the far side of a link with a real round-trip time
// (bench/h2-probe sets it up), times from a fresh browser context each run:
//   first-load  navigation -> load event of the built web client (web/target/classes/chapar-web)
//   thumbs-N    N photo thumbnails of THUMB_KIB each fetched at once by the page, as a chat view does
// Usage (inside the client namespace): node e2e/alpn-probe.mjs client ORIGIN; the server side is
// node e2e/alpn-probe.mjs server PORT h2|h1.
import { createSecureServer } from "node:http2";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { randomBytes } from "node:crypto";

const ROOT = new URL("../target/classes/chapar-web/", import.meta.url).pathname;
const THUMB_KIB = Number(process.env.THUMB_KIB ?? 20);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json" };

function serve(port, alpn) {
  const dir = mkdtempSync(join(tmpdir(), "alpn-probe-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=probe", "-keyout", join(dir, "k.pem"), "-out", join(dir, "c.pem")], { stdio: "ignore" });
  const thumb = randomBytes(THUMB_KIB * 1024); // incompressible, as a JPEG is
  const server = createSecureServer({
    key: readFileSync(join(dir, "k.pem")),
    cert: readFileSync(join(dir, "c.pem")),
    allowHTTP1: true,
    ALPNProtocols: alpn === "h2" ? ["h2", "http/1.1"] : ["http/1.1"],
    minVersion: "TLSv1.3",
  });
  server.on("request", (req, res) => {
    const url = new URL(req.url, "https://x");
    if (url.pathname.startsWith("/thumbs/")) {
      res.writeHead(200, { "content-type": "image/jpeg", "cache-control": "private, max-age=3600" });
      return res.end(thumb);
    }
    const rel = normalize(url.pathname === "/" ? "index.html" : url.pathname.slice(1));
    const file = join(ROOT, rel);
    if (rel.startsWith("..") || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      return res.end();
    }
    // like StaticFiles: the pre-compressed .br beside the file when the client accepts br
    const br = /\bbr\b/.test(req.headers["accept-encoding"] ?? "") && existsSync(file + ".br");
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...(br ? { "content-encoding": "br" } : {}) });
    res.end(readFileSync(br ? file + ".br" : file));
  });
  server.listen(port, "0.0.0.0", () => console.log(`LISTENING ${port} ${alpn}`));
}

async function client(origin) {
  const { startBrowser } = await import("./harness.mjs");
  const runs = Number(process.env.RUNS ?? 5);
  const counts = (process.env.THUMBS ?? "12,48").split(",").map(Number);
  const browser = await startBrowser();
  const out = {};
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  async function fresh() {
    const { ctx, page } = await browser.context({ ignoreHTTPSErrors: true, serviceWorkers: "block" });
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const conns = new Set();
    const protocols = new Set();
    cdp.on("Network.responseReceived", (e) => {
      conns.add(e.response.connectionId);
      protocols.add(e.response.protocol);
    });
    return { ctx, page, conns, protocols };
  }
  for (let r = 0; r < runs; r++) {
    const f = await fresh();
    const t0 = Date.now();
    await f.page.goto(origin + "/", { waitUntil: "load" });
    (out["first-load"] ??= { ms: [], conns: [], protocols: f.protocols }).ms.push(Date.now() - t0);
    out["first-load"].conns.push(f.conns.size);
    for (const n of counts) {
      f.conns.clear();
      const ms = await f.page.evaluate(async (n) => {
        const t = performance.now();
        const tag = Math.random().toString(36).slice(2);
        await Promise.all(Array.from({ length: n }, (_, i) => fetch(`/thumbs/${tag}-${i}.jpg`).then((x) => x.arrayBuffer())));
        return performance.now() - t;
      }, n);
      (out[`thumbs-${n}`] ??= { ms: [], conns: [], protocols: f.protocols }).ms.push(Math.round(ms));
      out[`thumbs-${n}`].conns.push(f.conns.size);
    }
    await f.ctx.close();
  }
  for (const [name, v] of Object.entries(out))
    console.log(`${name.padEnd(11)} median ${median(v.ms)} ms  runs ${v.ms.join(", ")}  connections ${v.conns.join(",")}  ${[...v.protocols].join(",")}`);
  await browser.close();
}

const [mode, arg, alpn] = process.argv.slice(2);
if (mode === "server") serve(Number(arg), alpn);
else await client(arg);
