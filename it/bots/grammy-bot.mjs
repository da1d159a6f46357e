// grammY, unchanged, against a Chapar server: node grammy-bot.mjs API_ROOT TOKEN CHANNEL_ID
// Offers /start and answers it; "photo please" gets a photo uploaded from a buffer (InputFile);
// answers other text with an inline keyboard; "publish" answers
// the press, edits the message and posts to the channel, then the bot stops. It long-polls with
// grammY's own bot.start() (which calls deleteWebhook first). Prints one JSON line per step for
// BotLibrariesIT.
import { Bot, InlineKeyboard, InputFile } from "grammy";

const [apiRoot, token, channel] = process.argv.slice(2);
const bot = new Bot(token, { client: { apiRoot } });

// a 64x48 orange PNG, made in memory as a bot would render a chart
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAQUlEQVR42u3PQQkAAAgEsItte6+CX2GwAstOXouAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAwFUBnMSVAHlasHQAAAAASUVORK5CYII=",
  "base64",
);

bot.command("start", (ctx) => ctx.reply(`grammY welcomes ${ctx.from.first_name}`));
bot.hears("photo please", async (ctx) => {
  const sent = await ctx.replyWithPhoto(new InputFile(PNG, "chart.png"), { caption: "grammY photo" });
  const sizes = sent.photo.map((p) => `${p.width}x${p.height}`).join(",");
  console.log(JSON.stringify({ step: "photo", sizes, file_id: sent.photo.at(-1).file_id }));
});
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
