// The browser tests' fixtures: the built server jar as a process on a free port with a temporary
// data directory (as testkit's ServerProcess starts one), and Debian's chromium through
// playwright-core, with every request of every page recorded for the same-origin check.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHAPAR_CHROMIUM || "/usr/bin/chromium";
export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // a fake microphone that needs no permission prompt, and players that may start unprompted
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  "--autoplay-policy=no-user-gesture-required",
];

export async function startServer(jar, java = process.env.CHAPAR_JAVA || "java") {
  const data = mkdtempSync(join(tmpdir(), "chapar-web-e2e-"));
  const child = spawn(
    java,
    [
      "-Xmx512m",
      "-Dchapar.argon2.memoryKib=64",
      "-Dchapar.argon2.iterations=1",
      "-Dchapar.limit.registerPerAddress=1000000/1000000000",
      "-Dchapar.limit.sendsPerUser=1000000/1000000000",
      "--enable-native-access=ALL-UNNAMED",
      "-cp",
      jar,
      "org.chapar.server.ServerMain",
      data,
      "127.0.0.1",
      "0",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const output = [];
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start in 60 s:\n" + output.join(""))), 60_000);
    const onData = (b) => {
      output.push(b.toString());
      const m = /LISTENING (\d+)/.exec(output.join(""));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (b) => output.push(b.toString()));
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before listening:\n${output.join("")}`)));
  });
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    output,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.on("exit", r)));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** The browser, and every URL any of its pages asked for (pages, assets, WebSockets, workers). */
export async function startBrowser(extraFlags = []) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...extraFlags], headless: true });
  const requests = [];
  return {
    browser,
    requests,
    async context(options = {}) {
      const ctx = await browser.newContext({ locale: "en-US", ...options });
      ctx.on("request", (r) => requests.push(r.url()));
      ctx.on("page", (p) => p.on("websocket", (ws) => requests.push(ws.url())));
      const page = await ctx.newPage();
      page.on("websocket", (ws) => requests.push(ws.url()));
      page.on("pageerror", (e) => console.error("page error:", e.message));
      return { ctx, page };
    },
    close: () => browser.close(),
  };
}

export function unique(prefix) {
  return `${prefix}_${Math.random().toString(36).slice(2, 9)}`;
}

export async function signUp(page, origin, username, displayName = username) {
  await page.goto(origin + "/");
  await page.getByRole("tab", { name: "Sign up" }).click();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByLabel("Display name").fill(displayName);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByRole("heading", { name: "Chats" }).waitFor();
}

/** Opens (or starts) the private chat with username through the search screen. */
export async function openPrivate(page, username) {
  await page.getByRole("button", { name: "New chat" }).click();
  await page.getByLabel("Search users and public chats by username").fill(username);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.locator(".results li", { hasText: "@" + username }).getByRole("button", { name: "Message" }).click();
  await page.getByLabel("Message", { exact: true }).waitFor();
}

export async function send(page, text, shown = ".msg.out .text") {
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
  await page.locator(shown, { hasText: text }).first().waitFor();
}
