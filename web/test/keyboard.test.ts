import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { MessageSchema, UserSchema, type MessageInit } from "../src/gen/chapar/v1/chapar_pb";
import { chatBots, commandSuggestions, replyKeyboard, safeUrl } from "../src/core/keyboard";
import { toMsg, toUser, type Msg } from "../src/core/model";
import { Store } from "../src/core/store";

const BOT = 7;
const ME = 1;
const peer = { kind: { case: "userId" as const, value: BigInt(BOT) } };

function msg(id: number, from: number, replyMarkup?: Record<string, unknown>): Msg {
  return toMsg(create(MessageSchema, { id: BigInt(id), fromId: BigInt(from), peer, text: `m${id}`, out: from === ME, replyMarkup } as MessageInit));
}
const row = (...texts: string[]) => ({ buttons: texts.map((text) => ({ text })) });
const own = (m: Msg) => m.fromId === ME;

describe("toMarkup (through toMsg)", () => {
  it("keeps inline buttons with their callback data and links, and the reply keyboard's texts", () => {
    const m = msg(1, BOT, {
      inlineRows: [{ buttons: [{ text: "Yes", callbackData: "y" }, { text: "Site", url: "https://example.org" }] }],
      keyboardRows: [row("A", "B"), row("C")],
      oneTimeKeyboard: true,
      inputFieldPlaceholder: "Pick one",
      botId: BigInt(BOT),
    });
    expect(m.markup).toEqual({
      inline: [[{ text: "Yes", data: "y", url: "" }, { text: "Site", data: "", url: "https://example.org" }]],
      keyboard: [["A", "B"], ["C"]],
      remove: false,
      forceReply: false,
      resize: false,
      oneTime: true,
      placeholder: "Pick one",
      botId: BOT,
    });
  });

  it("leaves a message without buttons without markup, and survives a JSON round trip", () => {
    expect(msg(1, BOT).markup).toBeUndefined();
    expect(msg(1, BOT, {}).markup).toBeUndefined();
    const m = msg(2, BOT, { keyboardRows: [row("A")] });
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});

describe("replyKeyboard", () => {
  it("shows the newest keyboard, which stays after the user's own messages and plain bot messages", () => {
    const msgs = [msg(1, BOT, { keyboardRows: [row("old")] }), msg(2, BOT, { keyboardRows: [row("new")], resizeKeyboard: true }), msg(3, ME), msg(4, BOT)];
    expect(replyKeyboard(msgs, own)).toEqual({ kind: "keyboard", msgId: 2, rows: [["new"]], resize: true, oneTime: false, placeholder: "" });
  });

  it("remove_keyboard removes it; a later keyboard brings one back", () => {
    const removed = [msg(1, BOT, { keyboardRows: [row("A")] }), msg(2, BOT, { removeKeyboard: true })];
    expect(replyKeyboard(removed, own)).toEqual({ kind: "none" });
    expect(replyKeyboard([...removed, msg(3, BOT, { keyboardRows: [row("B")] })], own)).toMatchObject({ kind: "keyboard", msgId: 3 });
  });

  it("a one-time keyboard hides once used, and only that one", () => {
    const msgs = [msg(5, BOT, { keyboardRows: [row("A")], oneTimeKeyboard: true })];
    expect(replyKeyboard(msgs, own, 0)).toMatchObject({ kind: "keyboard", oneTime: true });
    expect(replyKeyboard(msgs, own, 5)).toEqual({ kind: "none" });
    expect(replyKeyboard([...msgs, msg(6, BOT, { keyboardRows: [row("B")], oneTimeKeyboard: true })], own, 5)).toMatchObject({ kind: "keyboard", msgId: 6 });
  });

  it("force_reply asks until the user answers, then the keyboard before it shows again", () => {
    const asked = [msg(1, BOT, { keyboardRows: [row("A")] }), msg(2, BOT, { forceReply: true, inputFieldPlaceholder: "Your name" })];
    expect(replyKeyboard(asked, own)).toEqual({ kind: "forceReply", msgId: 2, placeholder: "Your name" });
    expect(replyKeyboard([...asked, msg(3, ME)], own)).toMatchObject({ kind: "keyboard", msgId: 1 });
  });

  it("ignores the user's own markup and inline-only messages", () => {
    expect(replyKeyboard([msg(1, ME, { keyboardRows: [row("mine")] }), msg(2, BOT, { inlineRows: [{ buttons: [{ text: "x", callbackData: "x" }] }] })], own)).toEqual({ kind: "none" });
  });
});

describe("safeUrl", () => {
  it("opens web links only", () => {
    expect(safeUrl("https://example.org/a?b")).toBe("https://example.org/a?b");
    expect(safeUrl("http://example.org")).toBe("http://example.org/");
    expect(safeUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("data:text/html,x")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
  });
});

describe("commandSuggestions", () => {
  const bots = [
    { username: "shopbot", commands: [{ command: "start", description: "Start" }, { command: "stats", description: "Numbers" }, { command: "help", description: "Help" }] },
    { username: "newsbot", commands: [{ command: "start", description: "Begin" }] },
  ];

  it("lists every command after a bare slash and narrows by the letters typed", () => {
    expect(commandSuggestions("/", bots.slice(0, 1), false).map((c) => c.text)).toEqual(["/start", "/stats", "/help"]);
    expect(commandSuggestions("/ST", bots.slice(0, 1), false)).toEqual([
      { text: "/start", description: "Start" },
      { text: "/stats", description: "Numbers" },
    ]);
  });

  it("names the bot in a group, and @ narrows to one bot", () => {
    expect(commandSuggestions("/start", bots, true).map((c) => c.text)).toEqual(["/start@shopbot", "/start@newsbot"]);
    expect(commandSuggestions("/start@new", bots, true).map((c) => c.text)).toEqual(["/start@newsbot"]);
  });

  it("offers nothing once the text is more than a command, or not one", () => {
    expect(commandSuggestions("/start now", bots, false)).toEqual([]);
    expect(commandSuggestions("hello /", bots, false)).toEqual([]);
    expect(commandSuggestions("", bots, false)).toEqual([]);
    expect(commandSuggestions("/", [], false)).toEqual([]);
  });
});

describe("bot users and the saved state", () => {
  it("keeps the bot flag and a bot's commands and used keyboards across a snapshot", () => {
    const s = new Store();
    s.meId = ME;
    s.addUsers([create(UserSchema, { id: BigInt(BOT), username: "shopbot", bot: true })]);
    s.botCommands[BOT] = [{ command: "start", description: "Start" }];
    s.usedKeyboards[`u${BOT}`] = 5;
    const back = new Store();
    back.restore(JSON.parse(JSON.stringify(s.snapshot())));
    expect(back.users[BOT]).toMatchObject({ bot: true, verified: false });
    expect(back.botCommands[BOT]).toEqual([{ command: "start", description: "Start" }]);
    expect(back.usedKeyboards[`u${BOT}`]).toBe(5);
    expect(toUser(create(UserSchema, { id: 2n })).bot).toBe(false);
  });
});

describe("chatBots", () => {
  const user = (id: number, bot: boolean) => ({ ...toUser(create(UserSchema, { id: BigInt(id), username: `u${id}`, bot })) });
  const users = { [ME]: user(ME, false), [BOT]: user(BOT, true), 8: user(8, true), 9: user(9, false) };

  it("is the other side of a private chat when it is a bot, else none", () => {
    expect(chatBots(users, `u${BOT}`, []).map((u) => u.id)).toEqual([BOT]);
    expect(chatBots(users, "u9", [])).toEqual([]);
  });

  it("in a group: the bots that wrote or whose buttons are there, each once, never a person", () => {
    const inGroup = (m: Msg) => ({ ...m, key: "c5" });
    const msgs = [msg(1, 9), msg(2, BOT), msg(3, BOT), msg(4, 9, { inlineRows: [{ buttons: [{ text: "x", callbackData: "x" }] }], botId: 8n })].map(inGroup);
    expect(chatBots(users, "c5", msgs).map((u) => u.id)).toEqual([BOT, 8]);
    expect(chatBots(users, "c5", [msg(1, 9)].map(inGroup))).toEqual([]);
  });
});
