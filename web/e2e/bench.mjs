// Web client timings in headless Chromium (docs/benchmarks.md, "Web client"): `npm run bench`
// with CHAPAR_JAR (or CHAPAR_ORIGIN). Seeds a reader with CHATS chats, one of them MESSAGES long,
// then measures, RUNS times each (median and range printed):
//   list-cold   navigation -> chat list with every chat rendered, no saved snapshot (GetDialogs)
//   list-warm   the same with the snapshot a previous visit saved (what a reload does)
//   chat-first  navigation to the long chat -> its newest page rendered
//   chat-all    ... -> all MESSAGES messages rendered, scrolling up page by page
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
const results = { "list-cold": [], "list-warm": [], "chat-first": [], "chat-all": [] };
for (let i = 0; i < RUNS; i++) {
  const list = { fn: (n) => document.querySelectorAll(".dialog").length >= n, arg: CHATS };
  results["list-cold"].push(await timed(() => page.evaluate(() => localStorage.removeItem("chapar.state")).then(() => page.goto("about:blank")), () => page.goto(server.origin + "/#/"), list));
  await page.waitForTimeout(500); // the snapshot is saved 300 ms after the last change
  results["list-warm"].push(await timed(() => page.goto("about:blank"), () => page.goto(server.origin + "/#/"), list));
  const first = { fn: () => document.querySelectorAll(".messages .msg").length >= 50, arg: 0 };
  results["chat-first"].push(await timed(() => page.goto("about:blank"), () => page.goto(`${server.origin}/#/c/${longKey}`), first));
  const t0 = Date.now();
  for (let guard = 0; guard < 100; guard++) {
    const n = await page.locator(".messages .msg").count();
    if (n >= MESSAGES) break;
    await page.evaluate(() => (document.querySelector(".messages").scrollTop = 0));
    await page.waitForFunction((n) => document.querySelectorAll(".messages .msg").length > n, n, { timeout: 30_000, polling: 16 });
  }
  results["chat-all"].push(Date.now() - t0 + results["chat-first"][i]);
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(11)} median ${median(v)} ms  (min ${Math.min(...v)}, max ${Math.max(...v)}, ${RUNS} runs)`);
await browser.close();
await server.stop();
