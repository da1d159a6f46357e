/**
 * Bots: accounts with the bot flag, their tokens, and the Telegram-compatible Bot API served over
 * HTTP at {@code /bot<token>/<method>}. The API is a translation layer: every call goes through the
 * same services a user's client reaches (docs/adr/0015-bot-api.md). Webhooks POST the same update
 * queue getUpdates reads, one leased sender per bot (docs/adr/0021-bot-webhooks.md); @BotFather's
 * queue goes the same way to a sender in the process (docs/adr/0027-botfather.md). Media goes in as
 * the bot's own uploads and out by signed per-bot file_ids (docs/adr/0030-bot-media.md).
 */
package org.chapar.server.bot;
