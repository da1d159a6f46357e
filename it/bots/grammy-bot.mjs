// grammY, unchanged, against a Chapar server: node grammy-bot.mjs API_ROOT TOKEN CHANNEL_ID
// Offers /start and answers it; answers other text with an inline keyboard; "publish" answers
// the press, edits the message and posts to the channel, then the bot stops. It long-polls with
// grammY's own bot.start() (which calls deleteWebhook first). Prints one JSON line per step for
// BotLibrariesIT.
import { Bot, InlineKeyboard } from "grammy";

const [apiRoot, token, channel] = process.argv.slice(2);
const bot = new Bot(token, { client: { apiRoot } });

bot.command("start", (ctx) => ctx.reply(`grammY welcomes ${ctx.from.first_name}`));
bot.on("message:text", async (ctx) => {
  const keyboard = new InlineKeyboard().text("Publish", "publish").text("Skip", "skip");
  await ctx.reply(`grammY heard: ${ctx.message.text}`, { reply_markup: keyboard });
  console.log(JSON.stringify({ step: "replied", chat: ctx.chat.id }));
});
bot.callbackQuery("publish", async (ctx) => {
  await ctx.answerCallbackQuery({ text: "Publishing" });
  await ctx.editMessageText("grammY published it");
  const post = await ctx.api.sendMessage(channel, `grammY posts for ${ctx.from.first_name}`);
  console.log(JSON.stringify({ step: "posted", message_id: post.message_id }));
  await bot.stop(); // confirms this update; bot.start() then resolves
});
bot.catch((err) => {
  console.error(err.error);
  process.exit(1);
});

await bot.api.setMyCommands([{ command: "start", description: "Say hello" }]);
await bot.start({
  onStart: (me) => console.log(JSON.stringify({ step: "ready", username: me.username })),
});
