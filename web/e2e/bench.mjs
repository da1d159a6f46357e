// Web client timings in headless Chromium (docs/benchmarks.md, "Web client"): `npm run bench`
// with CHAPAR_JAR (or CHAPAR_ORIGIN). Seeds a reader with CHATS chats, one of them MESSAGES long,
// then measures, RUNS times each (median and range printed):
//   list-cold   navigation -> chat list with every chat rendered, no saved snapshot (GetDialogs)
//   list-warm   the same with the snapshot a previous visit saved (what a reload does)
//   chat-first  navigation to the long chat -> its newest page (50) rendered
//   scroll-page infinite scroll upwards: scrolled to the top -> the next 50 rendered (every page)
//   chat-1000   with all MESSAGES loaded: chat list -> the chat with every message rendered
import { execFileSync } from "node:child_process";
import { startBrowser, startServer } from "./harness.mjs";

const CHATS = Number(process.env.CHATS ?? 200);
const MESSAGES = Number(process.env.MESSAGES ?? 1000);
const RUNS = Number(process.env.RUNS ?? 5);
const server = process.env.CHAPAR_ORIGIN ? { origin: process.env.CHAPAR_ORIGIN, stop: async () => {} } : await startServer(process.env.CHAPAR_JAR);
const seeded = Date.now();
const creds = JSON.parse(
  execFileSync("npx", ["vite-node", "e2e/seed.ts"], {
    env: { ...process.env, CHAPAR_ORIGIN: server.origin, CHATS: String(CHATS), MESSAGES: String(MESSAGES), NODE_OPTIONS: "--experimental-websocket" },
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop(),
);
console.log(`seeded ${CHATS} chats, ${MESSAGES} messages in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
const browser = await startBrowser();
const { page } = await browser.context();
await page.setViewportSize({ width: 1280, height: 800 });
await page.goto(server.origin + "/");
await page.getByLabel("Username").fill(creds.reader);
await page.getByLabel("Password").fill(creds.password);
await page.getByRole("button", { name: "Log in" }).click();
await page.waitForFunction((n) => document.querySelectorAll(".dialog").length >= n, CHATS, { timeout: 120_000 });
const longKey = await page.locator(".dialog", { hasText: creds.long }).getAttribute("data-key");

async function timed(prepare, go, done) {
  await prepare();
  const t0 = Date.now();
  await go();
  await page.waitForFunction(done.fn, done.arg, { timeout: 120_000, polling: 16 });
  return Date.now() - t0;
}
const results = { "list-cold": [], "list-warm": [], "chat-first": [], "scroll-page": [], "chat-1000": [] };
const scrollAll = (total) =>
  page.evaluate(async (total) => {
    // scroll to the top until the next page shows; the time of each page, in the page's own clock
    const box = document.querySelector(".messages");
    const count = () => box.querySelectorAll(".msg").length;
    const pages = [];
    while (count() < total) {
      const n = count();
      const t0 = performance.now();
      while (count() <= n) {
        box.scrollTop = 0;
        await new Promise((r) => setTimeout(r, 10));
        if (performance.now() - t0 > 30000) throw new Error(`stuck at ${n}`);
      }
      pages.push(performance.now() - t0);
    }
    return pages;
  }, total);
for (let i = 0; i < RUNS; i++) {
  const list = { fn: (n) => document.querySelectorAll(".dialog").length >= n, arg: CHATS };
  results["list-cold"].push(await timed(() => page.evaluate(() => localStorage.removeItem("chapar.state")).then(() => page.goto("about:blank")), () => page.goto(server.origin + "/#/"), list));
  await page.waitForTimeout(500); // the snapshot is saved 300 ms after the last change
  results["list-warm"].push(await timed(() => page.goto("about:blank"), () => page.goto(server.origin + "/#/"), list));
  const first = { fn: () => document.querySelectorAll(".messages .msg").length >= 50, arg: 0 };
  results["chat-first"].push(await timed(() => page.goto("about:blank"), () => page.goto(`${server.origin}/#/c/${longKey}`), first));
  results["scroll-page"].push(...(await scrollAll(MESSAGES)).map(Math.round));
  // all 1,000 in memory: from the chat list to the chat, every message rendered
  const all = { fn: (n) => document.querySelectorAll(".messages .msg").length >= n, arg: MESSAGES };
  results["chat-1000"].push(await timed(() => page.evaluate(() => (location.hash = "#/")).then(() => page.waitForSelector(".messages", { state: "detached" })), () => page.evaluate((k) => (location.hash = `#/c/${k}`), longKey), all));
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(11)} median ${median(v)} ms  (min ${Math.min(...v)}, max ${Math.max(...v)}, ${v.length} samples)`);
await browser.close();
await server.stop();
