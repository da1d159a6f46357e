// Telegraf, unchanged, against a Chapar server: node telegraf-bot.mjs API_ROOT TOKEN CHANNEL_ID
// The same bot as grammy-bot.mjs (a photo from a buffer: { source }), written the Telegraf way: bot.launch() calls deleteWebhook and
// long-polls until bot.stop(), then confirms the last update and resolves.
import { Telegraf, Markup } from "telegraf";
import { message } from "telegraf/filters";

const [apiRoot, token, channel] = process.argv.slice(2);
const bot = new Telegraf(token, { telegram: { apiRoot } });

// a 64x48 orange PNG, made in memory as a bot would render a chart
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAQUlEQVR42u3PQQkAAAgEsItte6+CX2GwAstOXouAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAwFUBnMSVAHlasHQAAAAASUVORK5CYII=",
  "base64",
);

bot.start((ctx) => ctx.reply(`Telegraf welcomes ${ctx.from.first_name}`));
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
  await ctx.answerCbQuery("Publishing");
  await ctx.editMessageText("Telegraf published it");
  const post = await ctx.telegram.sendMessage(channel, `Telegraf posts for ${ctx.from.first_name}`);
  console.log(JSON.stringify({ step: "posted", message_id: post.message_id }));
  bot.stop("done");
});
bot.catch((err) => {
  console.error(err);
  process.exit(1);
});

await bot.telegram.setMyCommands([{ command: "start", description: "Say hello" }]);
// onLaunch runs once getMe answered, before deleteWebhook: what users send meanwhile waits queued
await bot.launch(() =>
  console.log(JSON.stringify({ step: "ready", username: bot.botInfo.username })),
);
