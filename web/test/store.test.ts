import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { UpdateSchema, type Update } from "../src/gen/chapar/v1/chapar_pb";
import { Store } from "../src/core/store";

const peerUser = (id: number) => ({ kind: { case: "userId" as const, value: BigInt(id) } });

function newMessage(id: number, from: number, opts: { out?: boolean; mentioned?: boolean; date?: number; peer?: number } = {}): Update {
  return create(UpdateSchema, {
    pts: BigInt(id),
    ptsCount: 1,
    kind: {
      case: "newMessage",
      value: { message: { id: BigInt(id), fromId: BigInt(from), peer: peerUser(opts.peer ?? from), text: `m${id}`, out: opts.out ?? false, mentioned: opts.mentioned ?? false, date: BigInt(opts.date ?? 1000 + id) } },
    },
  });
}

describe("Store", () => {
  it("counts unread and mentions, and read receipts clear them", () => {
    const s = new Store();
    s.meId = 1;
    s.apply(newMessage(1, 2));
    s.apply(newMessage(2, 2, { mentioned: true }));
    expect(s.dialogs.u2).toMatchObject({ top: 2, unread: 2, mentions: 1 });
    s.apply(create(UpdateSchema, { kind: { case: "readInbox", value: { peer: peerUser(2), maxId: 2n, stillUnread: 0 } } }));
    expect(s.dialogs.u2).toMatchObject({ unread: 0, mentions: 0, readInbox: 2 });
  });

  it("does not count the same message twice", () => {
    const s = new Store();
    s.meId = 1;
    s.apply(newMessage(1, 2));
    s.apply(newMessage(1, 2));
    expect(s.dialogs.u2.unread).toBe(1);
    expect(s.history("u2")).toHaveLength(1);
  });

  it("own messages are not unread, and readOutbox marks them read", () => {
    const s = new Store();
    s.meId = 1;
    s.apply(newMessage(5, 1, { out: true, peer: 2 }));
    expect(s.dialogs.u2.unread).toBe(0);
    s.apply(create(UpdateSchema, { kind: { case: "readOutbox", value: { peer: peerUser(2), maxId: 5n } } }));
    expect(s.dialogs.u2.readOutbox).toBe(5);
  });

  it("orders the chat list by the newest message, live", () => {
    const s = new Store();
    s.meId = 1;
    s.apply(newMessage(1, 2, { date: 100 }));
    s.apply(newMessage(2, 3, { date: 200 }));
    expect(s.sortedDialogs().map((d) => d.key)).toEqual(["u3", "u2"]);
    s.apply(newMessage(3, 2, { date: 300 }));
    expect(s.sortedDialogs().map((d) => d.key)).toEqual(["u2", "u3"]);
  });

  it("deletes and edits messages", () => {
    const s = new Store();
    s.meId = 1;
    s.apply(newMessage(1, 2));
    s.apply(newMessage(2, 2));
    s.apply(create(UpdateSchema, { kind: { case: "editedMessage", value: { message: { id: 1n, fromId: 2n, peer: peerUser(2), text: "changed", editDate: 5n } } } }));
    expect(s.history("u2")[0]).toMatchObject({ text: "changed", editDate: 5 });
    s.apply(create(UpdateSchema, { kind: { case: "deletedMessages", value: { peer: peerUser(2), ids: [2n] } } }));
    expect(s.history("u2").map((m) => m.id)).toEqual([1]);
    expect(s.dialogs.u2.top).toBe(1);
  });

  it("a snapshot restores the same state with its pts", () => {
    const s = new Store();
    s.meId = 1;
    s.pts = 2;
    s.apply(newMessage(1, 2));
    s.apply(newMessage(2, 2));
    s.drafts.u2 = "half-written";
    const copy = new Store();
    copy.restore(JSON.parse(JSON.stringify(s.snapshot())));
    expect(copy.pts).toBe(2);
    expect(copy.history("u2").map((m) => m.text)).toEqual(["m1", "m2"]);
    expect(copy.drafts.u2).toBe("half-written");
    expect(copy.dialogs.u2.unread).toBe(2);
  });

  it("typing shows until cancelled", () => {
    let now = 0;
    const s = new Store(() => now);
    s.apply(create(UpdateSchema, { kind: { case: "userTyping", value: { peer: peerUser(2), userId: 2n, action: 0 } } }));
    expect(s.typing.u2).toEqual({ userId: 2, until: 6000 });
    now = 10;
    s.apply(create(UpdateSchema, { kind: { case: "userTyping", value: { peer: peerUser(2), userId: 2n, action: 1 } } }));
    expect(s.typing.u2).toBeUndefined();
  });

  it("chat updates carry the caller's new membership", () => {
    const s = new Store();
    s.apply(create(UpdateSchema, { kind: { case: "chatUpdated", value: { chat: { id: 9n, kind: 3, title: "T" }, status: 5 } } }));
    expect(s.chats[9]).toMatchObject({ title: "T", self: { status: 5 } });
  });
});
