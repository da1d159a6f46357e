// What HTTP/2 would save the web client over HTTP/1.1 on TLS (ADR 0031), run by bench/h2-probe:
// a stand-in static server (Node's http2 module, the same TLS 1.3 either way) offers ALPN h2 or
// only http/1.1, behind a TCP proxy that holds every chunk RTT/2 each way (so the TCP and TLS
// handshakes pay the round trips too), and headless Chromium times from a fresh context each run:
//   first-load  navigation -> load event of the built web client (web/target/classes/chapar-web)
//   thumbs-N    N photo thumbnails of THUMB_KIB each fetched at once by the page, as a chat view does
// Usage: node e2e/alpn-probe.mjs server PORT h2|h1 RTT_MS (the proxy on PORT), then
// node e2e/alpn-probe.mjs client https://127.0.0.1:PORT.
// Against another server (bench/h2-probe-chapar): node e2e/alpn-probe.mjs proxy PORT TARGET_PORT
// RTT_MS, and the client with THUMB_PATH (a path on that server fetched as PATH?n=..., one
// distinct URL per thumbnail) and H1=1 for a browser that speaks HTTP/1.1 only.
import { createServer as createHttps } from "node:https";
import { createSecureServer } from "node:http2";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { randomBytes } from "node:crypto";
import { createServer, connect } from "node:net";

const ROOT = new URL("../target/classes/chapar-web/", import.meta.url).pathname;
const THUMB_KIB = Number(process.env.THUMB_KIB ?? 20);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json" };

/** Forwards PORT to TARGET, each chunk after RTT/2 in each direction, in order. */
function delayProxy(port, target, rttMs) {
  const pipe = (from, to) => {
    from.on("data", (b) => setTimeout(() => to.write(b), rttMs / 2));
    from.on("end", () => setTimeout(() => to.end(), rttMs / 2));
    from.on("error", () => to.destroy());
  };
  createServer((down) => {
    down.setNoDelay(true);
    const up = connect(target, "127.0.0.1", () => up.setNoDelay(true));
    pipe(down, up);
    pipe(up, down);
  }).listen(port, "127.0.0.1", () => console.log(`LISTENING ${port}`));
}

function serve(port, alpn, rttMs) {
  const dir = mkdtempSync(join(tmpdir(), "alpn-probe-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=probe", "-keyout", join(dir, "k.pem"), "-out", join(dir, "c.pem")], { stdio: "ignore" });
  const thumb = randomBytes(THUMB_KIB * 1024); // incompressible, as a JPEG is
  const tls = { key: readFileSync(join(dir, "k.pem")), cert: readFileSync(join(dir, "c.pem")), minVersion: "TLSv1.3" };
  // the http2 module offers h2 whatever ALPNProtocols says, so h1 is the https module's server
  const server = alpn === "h2" ? createSecureServer({ ...tls, allowHTTP1: true }) : createHttps({ ...tls, ALPNProtocols: ["http/1.1"] });
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
  server.listen(0, "127.0.0.1", () => delayProxy(port, server.address().port, rttMs));
}

async function client(origin) {
  const { startBrowser } = await import("./harness.mjs");
  const runs = Number(process.env.RUNS ?? 5);
  const counts = (process.env.THUMBS ?? "12,48").split(",").map(Number);
  const browser = await startBrowser(process.env.H1 ? ["--disable-http2"] : []);
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
      const ms = await f.page.evaluate(async ([n, path]) => {
        const t = performance.now();
        const tag = Math.random().toString(36).slice(2);
        const url = (i) => (path ? `${path}?n=${tag}-${i}` : `/thumbs/${tag}-${i}.jpg`);
        await Promise.all(Array.from({ length: n }, (_, i) => fetch(url(i)).then((x) => x.arrayBuffer())));
        return performance.now() - t;
      }, [n, process.env.THUMB_PATH ?? ""]);
      (out[`thumbs-${n}`] ??= { ms: [], conns: [], protocols: f.protocols }).ms.push(Math.round(ms));
      out[`thumbs-${n}`].conns.push(f.conns.size);
    }
    await f.ctx.close();
  }
  for (const [name, v] of Object.entries(out))
    console.log(`${name.padEnd(11)} median ${median(v.ms)} ms  runs ${v.ms.join(", ")}  connections ${v.conns.join(",")}  ${[...v.protocols].join(",")}`);
  await browser.close();
}

const [mode, arg, alpn, rtt] = process.argv.slice(2);
if (mode === "server") serve(Number(arg), alpn, Number(rtt));
else if (mode === "proxy") delayProxy(Number(arg), Number(alpn), Number(rtt));
else await client(arg);
