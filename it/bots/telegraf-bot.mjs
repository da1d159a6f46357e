// Telegraf, unchanged, against a Chapar server: node telegraf-bot.mjs API_ROOT TOKEN CHANNEL_ID
// The same bot as grammy-bot.mjs, written the Telegraf way.
import { Telegraf, Markup } from "telegraf";
import { message } from "telegraf/filters";
import { poll } from "./poll.mjs";

const [apiRoot, token, channel] = process.argv.slice(2);
const bot = new Telegraf(token, { telegram: { apiRoot } });
let done = false;

bot.start((ctx) => ctx.reply(`Telegraf welcomes ${ctx.from.first_name}`));
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
  done = true;
});
bot.catch((err) => {
  console.error(err);
  process.exit(1);
});

bot.botInfo = await bot.telegram.getMe();
await bot.telegram.setMyCommands([{ command: "start", description: "Say hello" }]);
console.log(JSON.stringify({ step: "ready", username: bot.botInfo.username }));
await poll((offset, timeout) => bot.telegram.getUpdates(timeout, 100, offset, undefined), (u) => bot.handleUpdate(u), () => done);
