import { describe, expect, it } from "vitest";
import { Sequencer, UNKNOWN, type BoxUpdate } from "../src/core/sequencer";

type U = BoxUpdate & { name: string };
const u = (pts: number, ptsCount = 1, channelId = 0, name = `e${pts}`): U => ({ pts, ptsCount, channelId, name });

function setup(pts: number, channelId = 0) {
  let now = 1000;
  const delivered: string[] = [];
  const settled: number[] = [];
  const fetched: number[] = [];
  let reloads = 0;
  const seq = new Sequencer<U>(
    channelId,
    pts,
    {
      deliver: (x) => delivered.push(x.name),
      settled: (p) => settled.push(p),
      fetchDifference: (p) => fetched.push(p),
      reloadNeeded: () => reloads++,
    },
    () => now,
    500,
  );
  return { seq, delivered, settled, fetched, reloads: () => reloads, advance: (ms: number) => (now += ms) };
}

describe("Sequencer", () => {
  it("applies updates in order and drops duplicates", () => {
    const t = setup(10);
    t.seq.offer([u(11), u(12)]);
    t.seq.offer([u(12), u(11)]);
    expect(t.delivered).toEqual(["e11", "e12"]);
    expect(t.seq.localPts).toBe(12);
  });

  it("holds an update past a gap until the gap fills", () => {
    const t = setup(10);
    t.seq.offer([u(13, 2)]);
    expect(t.delivered).toEqual([]);
    expect(t.seq.bufferedPts()).toEqual([13]);
    t.seq.offer([u(11)]);
    expect(t.delivered).toEqual(["e11", "e13"]);
    expect(t.seq.deadline).toBe(0);
  });

  it("fetches a difference when a gap outlives the wait, and not before", () => {
    const t = setup(10);
    t.seq.offer([u(12)]);
    t.advance(499);
    t.seq.tick();
    expect(t.fetched).toEqual([]);
    t.advance(1);
    t.seq.tick();
    expect(t.fetched).toEqual([10]);
    // the difference brings 11 and 12; the buffered 12 is then a duplicate
    t.seq.onDifference({ updates: [u(11), u(12)], pts: 12, slice: false, tooLong: false });
    expect(t.delivered).toEqual(["e11", "e12"]);
    expect(t.seq.bufferedPts()).toEqual([]);
    expect(t.seq.isFetching).toBe(false);
  });

  it("buffers while the pts is unknown, then starts from the state", () => {
    const t = setup(UNKNOWN);
    t.seq.offer([u(6), u(5)]);
    expect(t.delivered).toEqual([]);
    t.seq.start(4);
    expect(t.settled).toEqual([4]);
    expect(t.delivered).toEqual(["e5", "e6"]);
  });

  it("drops what is already covered by the started pts", () => {
    const t = setup(UNKNOWN);
    t.seq.offer([u(3), u(5)]);
    t.seq.start(4);
    expect(t.delivered).toEqual(["e5"]);
  });

  it("follows difference slices and settles on the state pts", () => {
    const t = setup(0);
    t.seq.requestDifference();
    t.seq.onDifference({ updates: [u(1), u(2)], pts: 2, slice: true, tooLong: false });
    expect(t.fetched).toEqual([0, 2]);
    t.seq.onDifference({ updates: [u(3)], pts: 7, slice: false, tooLong: false });
    expect(t.delivered).toEqual(["e1", "e2", "e3"]);
    expect(t.seq.localPts).toBe(7);
    expect(t.settled).toEqual([7]);
  });

  it("asks for a reload when the difference is too long", () => {
    const t = setup(1);
    t.seq.requestDifference();
    t.seq.onDifference({ updates: [], pts: 90000, slice: false, tooLong: true });
    expect(t.reloads()).toBe(1);
    expect(t.seq.localPts).toBe(90000);
  });

  it("passes ephemeral updates and other boxes through at once, and too_long fetches", () => {
    const t = setup(10);
    t.seq.offer([u(0, 0, 0, "typing"), u(40, 1, 77, "other box")]);
    expect(t.delivered).toEqual(["typing", "other box"]);
    t.seq.offer([{ pts: 0, ptsCount: 0, channelId: 0, tooLong: true, name: "tl" }]);
    expect(t.fetched).toEqual([10]);
  });

  it("only buffers while a difference is in flight", () => {
    const t = setup(10);
    t.seq.requestDifference();
    t.seq.offer([u(11)]);
    expect(t.delivered).toEqual([]);
    t.seq.onDifference({ updates: [], pts: 10, slice: false, tooLong: false });
    expect(t.delivered).toEqual(["e11"]);
  });

  it("treats a known reached pts with no event as a gap", () => {
    const t = setup(10);
    t.seq.reaches(12);
    t.advance(500);
    t.seq.tick();
    expect(t.fetched).toEqual([10]);
  });

  it("a channel box ignores the common box's events", () => {
    const t = setup(5, 42);
    t.seq.offer([u(6, 1, 42), u(6, 1, 0, "common")]);
    expect(t.delivered).toEqual(["common", "e6"]); // pass-through is immediate, box events drain after
    expect(t.seq.localPts).toBe(6);
  });
});
