// The scenarios, in order; each gets { origin, browser, shots, requests }.
import assert from "node:assert/strict";
import { openPrivate, send, signUp, unique } from "./harness.mjs";
import { botScenarios } from "./bots.mjs";
import { mediaScenarios } from "./media.mjs";

export const scenarios = {
  async "two users sign up and chat live"({ origin, browser, shots }) {
    const a = await browser.context();
    const b = await browser.context();
    const alice = unique("alice");
    const bob = unique("bob");
    await a.page.setViewportSize({ width: 1100, height: 720 });
    await a.page.goto(origin + "/");
    await a.page.screenshot({ path: shots + "en-login.png" });
    await signUp(a.page, origin, alice, "Alice");
    await signUp(b.page, origin, bob, "Bob");
    await openPrivate(a.page, bob);
    await send(a.page, "Salam Bob, see https://example.org/x");
    // bob: the chat appears live with an unread badge, then the message
    const row = b.page.locator(".dialog", { hasText: "Alice" });
    await row.locator(".badge").waitFor();
    assert.equal(await row.locator(".badge").innerText(), "1");
    await row.click();
    await b.page.locator(".msg.in .text", { hasText: "Salam Bob" }).waitFor();
    const link = b.page.locator(".msg.in a");
    assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
    assert.equal(await link.getAttribute("href"), "https://example.org/x");
    // html in a message is text
    await send(b.page, "<b>hi</b> Alice");
    await a.page.locator(".msg.in .text", { hasText: "<b>hi</b> Alice" }).waitFor();
    assert.equal(await a.page.locator(".msg.in .text b").count(), 0);
    // bob read alice's message: her tick turns double
    await a.page.locator('.msg.out .ticks[data-read="1"]').first().waitFor();
    await a.page.screenshot({ path: shots + "en-chat.png" });
    await b.page.setViewportSize({ width: 360, height: 740 });
    await b.page.screenshot({ path: shots + "en-mobile-chat.png" });
  },
};

/** Two signed-up users in two contexts, alice with the private chat to bob open. */
async function pair(browser, origin) {
  const a = await browser.context();
  const b = await browser.context();
  const alice = unique("alice");
  const bob = unique("bob");
  await signUp(a.page, origin, alice, "Alice");
  await signUp(b.page, origin, bob, "Bob");
  return { a, b, alice, bob };
}

async function countText(page, selector, text) {
  return page.locator(selector, { hasText: text }).count();
}

Object.assign(scenarios, {
  async "offline user catches up after a reload with nothing doubled"({ origin, browser }) {
    const { a, b, bob } = await pair(browser, origin);
    await openPrivate(a.page, bob);
    await send(a.page, "before 1");
    const row = b.page.locator(".dialog", { hasText: "Alice" });
    await row.waitFor();
    await b.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    // bob's network goes away: the reloaded page is the cached shell, the chat list the saved one
    await b.ctx.setOffline(true);
    await b.page.reload();
    await b.page.locator(".dialog", { hasText: "Alice" }).waitFor();
    await b.page.getByRole("status").filter({ hasText: /Offline|Connecting/ }).first().waitFor();
    for (const t of ["missed 1", "missed 2", "missed 3"]) await send(a.page, t);
    await b.ctx.setOffline(false);
    await b.page.reload();
    const badge = b.page.locator(".dialog", { hasText: "Alice" }).locator(".badge");
    await b.page.waitForFunction(() => document.querySelector(".dialog .badge")?.textContent === "4");
    assert.equal(await badge.innerText(), "4");
    await b.page.locator(".dialog", { hasText: "Alice" }).click();
    await b.page.locator(".msg.in .text", { hasText: "missed 3" }).waitFor();
    for (const t of ["before 1", "missed 1", "missed 2", "missed 3"]) assert.equal(await countText(b.page, ".msg.in .text", t), 1, t);
    // and once more: a reload while online neither loses nor doubles anything
    await b.page.reload();
    await b.page.locator(".msg.in .text", { hasText: "missed 3" }).waitFor();
    await send(a.page, "after");
    await b.page.locator(".msg.in .text", { hasText: "after" }).waitFor();
    for (const t of ["before 1", "missed 1", "missed 2", "missed 3", "after"]) assert.equal(await countText(b.page, ".msg.in .text", t), 1, t);
  },

  async "a channel post reaches a subscriber with views and signature"({ origin, browser, shots }) {
    const { a, b } = await pair(browser, origin);
    const name = unique("news").toLowerCase();
    await a.page.getByRole("button", { name: "New chat" }).click();
    await a.page.getByLabel("Kind").selectOption({ label: "Channel" });
    await a.page.getByLabel("Title").fill("News");
    await a.page.getByLabel("Public name (optional)").fill(name);
    await a.page.getByRole("button", { name: "Create", exact: true }).click();
    await a.page.getByRole("button", { name: "Chat info" }).click();
    await a.page.getByLabel("Sign posts").click();
    await a.page.waitForFunction(() => document.querySelector("label.check input")?.checked === true);
    await a.page.getByRole("link", { name: "Back" }).click();
    // bob finds it by name and joins
    await b.page.getByRole("button", { name: "New chat" }).click();
    await b.page.getByLabel("Search users and public chats by username").fill(name);
    await b.page.getByRole("button", { name: "Search", exact: true }).click();
    await b.page.locator(".results li", { hasText: "@" + name }).getByRole("button", { name: "Join" }).click();
    await b.page.getByText("You can't send messages here.").waitFor();
    await send(a.page, "first post", ".msg .text");
    await b.page.locator(".msg .text", { hasText: "first post" }).waitFor();
    const post = b.page.locator(".msg", { hasText: "first post" });
    await post.locator(".sig", { hasText: "Alice" }).waitFor();
    // bob's view is counted (alice's too, once her client showed the post): at least one
    await b.page.waitForFunction(() => /^views: [1-9]\d*$/.test(document.querySelector(".msg .views")?.textContent ?? ""));
    await b.page.screenshot({ path: shots + "en-channel.png" });
  },

  async "a supergroup: invite link, slow mode, restrict, then a ban stops the member sending"({ origin, browser }) {
    const { a, b, bob } = await pair(browser, origin);
    await a.page.getByRole("button", { name: "New chat" }).click();
    await a.page.getByLabel("Kind").selectOption({ label: "Supergroup" });
    await a.page.getByLabel("Title").fill("Team");
    await a.page.getByRole("button", { name: "Create", exact: true }).click();
    await a.page.getByLabel("Message", { exact: true }).waitFor();
    await send(a.page, "welcome");
    // an invite link with an expiry and a usage limit; bob joins by it
    await a.page.getByRole("button", { name: "Chat info" }).click();
    await a.page.getByLabel("Usage limit (0: none)").fill("5");
    await a.page.getByRole("button", { name: "Create link" }).click();
    const link = a.page.locator(".links li", { hasText: "used 0 of 5" }).locator("code");
    await link.waitFor();
    assert.match(await a.page.locator(".links li", { hasText: "used 0 of 5" }).innerText(), /expires/);
    const hash = await link.innerText();
    await b.page.getByRole("button", { name: "New chat" }).click();
    await b.page.getByLabel("Invite link or @name").fill(hash);
    await b.page.getByRole("button", { name: "Join", exact: true }).click();
    await b.page.getByLabel("Message", { exact: true }).waitFor();
    // slow mode: after one message bob's Send button counts down
    await a.page.getByLabel("Slow mode").selectOption("10");
    await a.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    await b.page.waitForFunction(() => Object.values(window.chapar.client.store.chats).some((c) => c.slowMode === 10));
    await send(b.page, "thanks");
    await b.page.getByRole("button", { name: /^Wait \d+ s$/ }).waitFor();
    await a.page.getByRole("link", { name: "Back" }).click();
    await a.page.locator(".msg.in .text", { hasText: "thanks" }).waitFor();
    await a.page.getByRole("button", { name: "Chat info" }).click();
    // restrict with rights first: bob may not send for 2 hours; the list says so
    const bobRow = a.page.locator(".members li", { hasText: "Bob" });
    await bobRow.getByRole("button", { name: "Restrict…" }).click();
    await bobRow.getByLabel("No sending messages").check();
    await bobRow.getByLabel("For hours (0: until lifted)").fill("2");
    await bobRow.getByRole("button", { name: "Save" }).click();
    await bobRow.filter({ hasText: "muted" }).waitFor();
    await a.page.getByRole("button", { name: "Ban Bob" }).click();
    void bob;
    await a.page.getByRole("button", { name: "Ban Bob" }).waitFor({ state: "detached" });
    // bob's client learns it live: no composer; and the server refuses a send anyway
    await b.page.getByText("You can't send messages here.").waitFor();
    const refused = await b.page.evaluate(async () => {
      const c = window.chapar.client;
      const key = Object.keys(c.store.dialogs).find((k) => k.startsWith("c"));
      try {
        await c.conn.call({ case: "sendMessage", value: { peer: { kind: { case: "chatId", value: BigInt(key.slice(1)) } }, text: "still here?", randomId: 7n } }, "sentMessage");
        return "sent";
      } catch (e) {
        return e.code;
      }
    });
    assert.notEqual(refused, "sent");
    await a.page.getByRole("link", { name: "Back" }).click();
    await a.page.waitForTimeout(300);
    assert.equal(await countText(a.page, ".msg .text", "still here?"), 0);
  },

  async "Persian UI is right-to-left with Persian digits and Solar Hijri dates"({ origin, browser, shots }) {
    const a = await browser.context({ locale: "fa-IR" });
    const b = await browser.context();
    const u1 = unique("sara");
    const u2 = unique("reza");
    await a.page.setViewportSize({ width: 1100, height: 720 });
    await a.page.goto(origin + "/");
    assert.equal(await a.page.evaluate(() => document.documentElement.dir), "rtl");
    await a.page.getByLabel("نام کاربری").waitFor();
    await a.page.screenshot({ path: shots + "fa-login.png" });
    await a.page.getByRole("tab", { name: "ثبت‌نام" }).click();
    await a.page.getByLabel("نام کاربری").fill(u1);
    await a.page.getByLabel("گذرواژه").fill("correct horse battery");
    await a.page.getByLabel("نام نمایشی").fill("سارا");
    await a.page.getByRole("button", { name: "ثبت‌نام" }).click();
    await a.page.getByRole("heading", { name: "گفتگوها" }).waitFor();
    await signUp(b.page, origin, u2, "Reza");
    await openPrivate(b.page, u1);
    await send(b.page, "سلام سارا");
    await send(b.page, "چطوری؟");
    const badge = a.page.locator(".dialog .badge");
    await a.page.waitForFunction(() => document.querySelector(".dialog .badge")?.textContent === "۲");
    assert.match(await a.page.locator(".dialog .when").innerText(), /[۰-۹]/);
    await a.page.screenshot({ path: shots + "fa-chats.png" });
    assert.equal(await badge.innerText(), "۲");
    await a.page.locator(".dialog").click();
    const day = await a.page.locator(".day").first().innerText();
    assert.match(day, /[۰-۹]/);
    // the Solar Hijri year (14xx), not the Gregorian one
    assert.match(day, /۱۴[۰-۹]{2}/);
    assert.equal(await a.page.locator(".msg .text").first().getAttribute("dir"), "auto");
    await a.page.screenshot({ path: shots + "fa-chat.png" });
    // an English user switches to Persian in settings
    await b.page.goto(origin + "/#/settings");
    await b.page.getByLabel("Language", { exact: true }).selectOption("fa");
    assert.equal(await b.page.evaluate(() => document.documentElement.dir), "rtl");
    await b.page.getByRole("heading", { name: "تنظیمات" }).waitFor();
  },

  async "keyboard only: rename, log out and log in again under the new name"({ origin, browser, shots }) {
    const a = await browser.context();
    const old = unique("kim");
    await signUp(a.page, origin, old, "Kim");
    await a.page.goto(origin + "/#/settings");
    // the username is changed in settings; the display name beside it stays as it was
    const name = "re_" + old;
    await a.page.getByLabel("Username", { exact: true }).fill(name);
    await a.page.getByRole("button", { name: "Save" }).first().click();
    await a.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    assert.equal(await a.page.getByLabel("Display name", { exact: true }).inputValue(), "Kim");
    await a.page.getByRole("button", { name: "Log out" }).focus();
    await a.page.keyboard.press("Enter");
    // the sign-in form, not the settings' own Username field, which stays until the logout's
    // answer has come back
    const signIn = a.page.locator("main.auth");
    await signIn.getByLabel("Username").waitFor();
    await a.page.setViewportSize({ width: 360, height: 740 });
    await signIn.getByLabel("Username").focus();
    await a.page.keyboard.type(name);
    await a.page.keyboard.press("Tab");
    assert.equal(await a.page.evaluate(() => document.activeElement?.getAttribute("name")), "password");
    await a.page.keyboard.type("correct horse battery");
    await a.page.keyboard.press("Enter");
    await a.page.getByRole("heading", { name: "Chats" }).waitFor();
    // focus is visible: the focused element has an outline
    await a.page.keyboard.press("Tab");
    const outline = await a.page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none");
    await a.page.screenshot({ path: shots + "en-mobile-chats.png" });
  },

  async "two tabs of one user both stay live, and a logout in one signs out the other"({ origin, browser }) {
    const { a, b, bob } = await pair(browser, origin);
    const second = await a.ctx.newPage();
    await second.goto(origin + "/");
    await second.getByRole("heading", { name: "Chats" }).waitFor();
    await openPrivate(a.page, bob);
    await send(a.page, "from tab one");
    await b.page.locator(".dialog", { hasText: "Alice" }).click();
    await send(b.page, "to both tabs");
    await second.locator(".dialog", { hasText: "Bob" }).click();
    await second.locator(".msg.in .text", { hasText: "to both tabs" }).waitFor();
    await a.page.locator(".msg.in .text", { hasText: "to both tabs" }).waitFor();
    assert.equal(await countText(second, ".msg .text", "from tab one"), 1);
    assert.equal(await countText(second, ".msg .text", "to both tabs"), 1);
    await second.goto(origin + "/#/settings");
    await second.getByRole("button", { name: "Log out" }).click();
    await a.page.getByLabel("Username").waitFor();
  },

  async "every request of the session went to the server's own origin"({ origin, requests }) {
    const host = new URL(origin).host;
    assert.ok(requests.length > 20, `only ${requests.length} requests recorded`);
    const foreign = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).host !== host);
    assert.deepEqual(foreign, []);
    const res = await fetch(origin + "/");
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(res.headers.get("permissions-policy"), "camera=(), microphone=(self), geolocation=()");
  },
});

// the media and bot scenarios run before the same-origin check, so their requests are checked too
const last = "every request of the session went to the server's own origin";
const sameOrigin = scenarios[last];
delete scenarios[last];
Object.assign(scenarios, mediaScenarios, botScenarios, { [last]: sameOrigin });
