/**
 * Bots: accounts with the bot flag, their tokens, and the Telegram-compatible Bot API served over
 * HTTP at {@code /bot<token>/<method>}. The API is a translation layer: every call goes through the
 * same services a user's client reaches (docs/adr/0015-bot-api.md).
 */
package org.chapar.server.bot;
