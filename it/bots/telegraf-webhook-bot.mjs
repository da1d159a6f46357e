// Telegraf by webhook against a Chapar server: node telegraf-webhook-bot.mjs API_ROOT TOKEN CHANNEL_ID
// The bot of telegraf-bot.mjs (the same photo step) taking its updates by webhook instead of polling: Telegraf's own
// webhookCallback served by node:http on a free loopback port (bot.launch({ webhook }) would
// announce an https URL), setWebhook with a secret the callback checks, deleteWebhook once it
// posted. Prints one JSON line per step for BotLibrariesIT; "ready" carries the webhook's URL.
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { Telegraf, Markup } from "telegraf";
import { message } from "telegraf/filters";

const [apiRoot, token, channel] = process.argv.slice(2);
const bot = new Telegraf(token, { telegram: { apiRoot } });
const path = "/telegraf-hook";
const secret = randomBytes(24).toString("hex");
let done = false;

// a 64x48 orange PNG, made in memory as a bot would render a chart
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAQUlEQVR42u3PQQkAAAgEsItte6+CX2GwAstOXouAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAwFUBnMSVAHlasHQAAAAASUVORK5CYII=",
  "base64",
);

bot.start((ctx) => ctx.reply(`Telegraf welcomes ${ctx.from.first_name}`));
// an upload cannot ride in the webhook's answer: Telegraf calls sendPhoto itself, as multipart
bot.hears("photo please", async (ctx) => {
  const sent = await ctx.replyWithPhoto(
    { source: PNG, filename: "chart.png" },
    { caption: "Telegraf photo" },
  );
  const sizes = sent.photo.map((p) => `${p.width}x${p.height}`).join(",");
  console.log(JSON.stringify({ step: "photo", sizes, file_id: sent.photo.at(-1).file_id }));
});
bot.on(message("text"), async (ctx) => {
  const keyboard = Markup.inlineKeyboard([
    Markup.button.callback("Publish", "publish"),
    Markup.button.callback("Skip", "skip"),
  ]);
  await ctx.reply(`Telegraf heard: ${ctx.message.text}`, keyboard);
  console.log(JSON.stringify({ step: "replied", chat: ctx.chat.id }));
});
bot.action("publish", async (ctx) => {
  // goes back in the webhook's answer (Telegraf's webhookReply); the server runs it
  await ctx.answerCbQuery("Publishing");
  await ctx.editMessageText("Telegraf published it");
  const post = await ctx.telegram.sendMessage(channel, `Telegraf posts for ${ctx.from.first_name}`);
  console.log(JSON.stringify({ step: "posted", message_id: post.message_id }));
  await ctx.telegram.deleteWebhook();
  console.log(JSON.stringify({ step: "deleted" }));
  done = true;
});
bot.catch((err) => {
  console.error(err);
  process.exit(1);
});

const callback = bot.webhookCallback(path, { secretToken: secret });
const server = createServer(async (req, res) => {
  await callback(req, res);
  if (done) {
    server.close();
    server.closeIdleConnections();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}${path}`;

bot.botInfo = await bot.telegram.getMe();
await bot.telegram.setMyCommands([{ command: "start", description: "Say hello" }]);
await bot.telegram.setWebhook(url, { secret_token: secret });
console.log(JSON.stringify({ step: "ready", username: bot.botInfo.username, url }));
