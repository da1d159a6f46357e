// The bot scenario: a user creates a bot with @BotFather in the browser, the bot (HTTP Bot API
// from Node, as any bot program) sets its commands and answers with inline and reply keyboards;
// the user sees the bot badge, picks a command after "/", presses buttons, and the bot's answers
// come back as a toast and an alert.
import assert from "node:assert/strict";
import { openPrivate, send, signUp, unique } from "./harness.mjs";

/**
 * The HTTP Bot API of one bot: call(method, params) -> result, failing on ok=false. A 429 (a bot
 * may send about one message a second to a chat, as in Telegram) waits retry_after, as bots do.
 */
function botApi(origin, token) {
  let offset = 0;
  const call = async (method, params = {}) => {
    const r = await fetch(`${origin}/bot${token}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) });
    const j = await r.json();
    if (j.error_code === 429 && j.parameters?.retry_after) {
      await new Promise((done) => setTimeout(done, j.parameters.retry_after * 1000));
      return call(method, params);
    }
    if (!j.ok) throw new Error(`${method}: ${j.description}`);
    return j.result;
  };
  return {
    call,
    /** Long-polls until an update that `wanted` accepts comes; earlier ones are consumed. */
    async next(wanted) {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const list = await call("getUpdates", { offset, timeout: 5 });
        for (const u of list) {
          offset = u.update_id + 1;
          if (wanted(u)) return u;
        }
      }
      throw new Error("no wanted update in 20 s");
    },
  };
}

/** /newbot with @BotFather in the chat open on page; the token it answers. */
async function newBot(page, name, username) {
  await send(page, "/newbot");
  await page.locator(".msg.in .text", { hasText: "choose a name" }).waitFor();
  await send(page, name);
  await page.locator(".msg.in .text", { hasText: "choose a username" }).waitFor();
  await send(page, username);
  const done = page.locator(".msg.in .text", { hasText: "Use this token" });
  await done.waitFor();
  const token = /(\d+:[A-Za-z0-9_-]+)/.exec(await done.innerText())?.[1];
  assert.ok(token, "a token in BotFather's answer");
  return token;
}

export const botScenarios = {
  async "a bot's keyboards, commands, answers and badge"({ origin, browser, shots }) {
    const a = await browser.context();
    const page = a.page;
    await signUp(page, origin, unique("alice"), "Alice");
    await openPrivate(page, "BotFather");
    // the server's own bot: marked as a bot (with its check mark) in the header and as its status
    await page.locator(".bar h2 .bot-badge", { hasText: "✓ bot" }).waitFor();
    assert.equal(await page.locator(".bar .sub").innerText(), "bot");
    const username = unique("shop") + "_bot";
    const token = await newBot(page, "Shop", username);
    const bot = botApi(origin, token);
    await bot.call("setMyCommands", { commands: [{ command: "start", description: "Start over" }, { command: "price", description: "Today's prices" }] });

    await openPrivate(page, username);
    await page.locator(".bar h2 .bot-badge", { hasText: "bot" }).waitFor();
    // "/" lists the bot's commands; typing narrows them; picking one sends it
    const box = page.getByLabel("Message", { exact: true });
    await box.fill("/");
    const commands = page.getByRole("list", { name: "Bot commands" });
    await commands.getByRole("button", { name: /\/price/ }).waitFor();
    assert.deepEqual(await commands.locator(".cmd").allInnerTexts(), ["/start", "/price"]);
    await box.fill("/pr");
    await page.waitForFunction(() => document.querySelectorAll(".commands .cmd").length === 1);
    await box.press("Tab");
    assert.equal(await box.inputValue(), "/price");
    await box.fill("/");
    await commands.getByRole("button", { name: /\/start/ }).click();
    const start = await bot.next((u) => u.message?.text === "/start");
    const chatId = start.message.chat.id;
    await page.locator(".msg.out .text", { hasText: "/start" }).waitFor();
    await page.waitForFunction(() => !document.querySelector(".commands"));

    await bot.call("sendMessage", {
      chat_id: chatId,
      text: "Welcome to the shop",
      reply_markup: { inline_keyboard: [[{ text: "Buy", callback_data: "buy" }, { text: "Docs", url: "https://example.org/docs" }]] },
    });
    const welcome = page.locator(".msg.in.from-bot", { hasText: "Welcome to the shop" });
    const buy = welcome.getByRole("button", { name: "Buy" });
    await buy.waitFor();
    // a link button asks first, and opens nothing when the user says no
    const docs = welcome.getByRole("link", { name: /Docs/ });
    assert.equal(await docs.getAttribute("rel"), "noopener noreferrer");
    assert.equal(await docs.getAttribute("href"), "https://example.org/docs");
    const asked = new Promise((resolve) => page.once("dialog", (d) => (resolve(d.message()), d.dismiss())));
    await docs.click();
    assert.match(await asked, /Open this link\?[\s\S]*https:\/\/example\.org\/docs/);
    assert.equal(a.ctx.pages().length, 1);

    // an inline button: the bot gets callback_query, its answer shows as a toast ...
    await buy.click();
    const press = await bot.next((u) => u.callback_query);
    assert.equal(press.callback_query.data, "buy");
    assert.equal(press.callback_query.message.message_id > 0, true);
    await bot.call("answerCallbackQuery", { callback_query_id: press.callback_query.id, text: "Added to cart" });
    await page.getByRole("status").filter({ hasText: "Added to cart" }).waitFor();
    // ... or, with show_alert, as a dialog to dismiss
    await buy.click();
    const again = await bot.next((u) => u.callback_query);
    await bot.call("answerCallbackQuery", { callback_query_id: again.callback_query.id, text: "Only one per customer", show_alert: true });
    const alert = page.getByRole("alertdialog");
    await alert.filter({ hasText: "Only one per customer" }).waitFor();
    await alert.getByRole("button", { name: "OK" }).click();
    await alert.waitFor({ state: "detached" });

    // a one-time reply keyboard in place of the keyboard area, with its placeholder
    await bot.call("sendMessage", {
      chat_id: chatId,
      text: "Which colour?",
      reply_markup: { keyboard: [[{ text: "Red" }, { text: "Blue" }]], one_time_keyboard: true, resize_keyboard: true, input_field_placeholder: "Pick a colour" },
    });
    const keyboard = page.getByRole("group", { name: "Bot keyboard" });
    await keyboard.getByRole("button", { name: "Red" }).waitFor();
    assert.equal(await box.getAttribute("placeholder"), "Pick a colour");
    await page.screenshot({ path: shots + "en-bot.png" });
    await keyboard.getByRole("button", { name: "Red" }).click();
    const red = await bot.next((u) => u.message);
    assert.equal(red.message.text, "Red");
    await keyboard.waitFor({ state: "detached" });

    // a lasting keyboard, then remove_keyboard takes it away
    await bot.call("sendMessage", { chat_id: chatId, text: "Menu", reply_markup: { keyboard: [["Help"]] } });
    await keyboard.getByRole("button", { name: "Help" }).waitFor();
    await bot.call("sendMessage", { chat_id: chatId, text: "Menu closed", reply_markup: { remove_keyboard: true } });
    await keyboard.waitFor({ state: "detached" });

    // force_reply: the composer answers that message, focused, with the bot's placeholder
    const question = await bot.call("sendMessage", { chat_id: chatId, text: "Your address?", reply_markup: { force_reply: true, input_field_placeholder: "Street and number" } });
    await page.locator(".replying", { hasText: "Your address?" }).waitFor();
    assert.equal(await box.getAttribute("placeholder"), "Street and number");
    assert.equal(await box.evaluate((el) => el === document.activeElement), true);
    await send(page, "Main street 1");
    const reply = await bot.next((u) => u.message);
    assert.equal(reply.message.text, "Main street 1");
    assert.equal(reply.message.reply_to_message?.message_id, question.message_id);

    // the same in Persian: right to left, the badge and the keyboard's labels translated
    await bot.call("sendMessage", { chat_id: chatId, text: "خوش آمدید", reply_markup: { inline_keyboard: [[{ text: "خرید", callback_data: "buy" }, { text: "راهنما", url: "https://example.org/fa" }]] } });
    await bot.call("sendMessage", { chat_id: chatId, text: "کدام رنگ؟", reply_markup: { keyboard: [["قرمز", "آبی"]], resize_keyboard: true } });
    await page.goto(origin + "/#/settings");
    await page.getByLabel("Language", { exact: true }).selectOption("fa");
    await page.goto(origin + `/#/c/u${token.split(":")[0]}`);
    await page.getByRole("group", { name: "صفحه‌کلید ربات" }).getByRole("button", { name: "قرمز" }).waitFor();
    await page.locator(".bar h2 .bot-badge", { hasText: "ربات" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
    await page.screenshot({ path: shots + "fa-bot.png" });
  },
};
