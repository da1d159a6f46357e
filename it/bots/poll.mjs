// Long polling through a library's own getUpdates and handleUpdate. bot.start() (grammY) and
// bot.launch() (Telegraf) do the same after calling deleteWebhook, which Chapar serves once its
// webhooks land; until then the bots poll with this loop.
export async function poll(getUpdates, handleUpdate, done) {
  let offset = 0;
  while (!done()) {
    for (const update of await getUpdates(offset, 10)) {
      offset = update.update_id + 1;
      await handleUpdate(update);
    }
  }
  // confirms the last update, as the libraries do when they stop
  await getUpdates(offset, 0);
}
