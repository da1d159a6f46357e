import { describe, expect, it } from "vitest";
import { FileUrls, kindFor, waveform } from "../src/core/media";
import { MediaKind } from "../src/gen/chapar/v1/chapar_pb";
import { formatDuration, formatSize } from "../src/i18n/format";

describe("media on the client", () => {
  it("sends JPEG and PNG as photos, other images as files, audio and video by type", () => {
    expect(kindFor("image/png")).toBe(MediaKind.PHOTO);
    expect(kindFor("image/jpeg")).toBe(MediaKind.PHOTO);
    expect(kindFor("image/gif")).toBe(MediaKind.DOCUMENT);
    expect(kindFor("video/mp4")).toBe(MediaKind.VIDEO);
    expect(kindFor("audio/ogg")).toBe(MediaKind.AUDIO);
    expect(kindFor("audio/webm", true)).toBe(MediaKind.VOICE);
    expect(kindFor("")).toBe(MediaKind.DOCUMENT);
    expect(kindFor("application/pdf")).toBe(MediaKind.DOCUMENT);
  });

  it("a waveform is one peak per step, 0-255, at most 100 steps", () => {
    const samples = new Float32Array(400);
    samples[10] = -1;
    samples[300] = 0.5;
    const w = waveform(samples, 4);
    expect([...w]).toEqual([255, 0, 0, 128]);
    expect(waveform(new Float32Array(10_000), 500).length).toBe(100);
  });

  it("reuses a signed URL until two minutes before it expires, and asks once for parallel renders", async () => {
    let now = 1000;
    const asked: string[] = [];
    const urls = new FileUrls(
      { fileUrl: async (id: string, thumb = "") => (asked.push(id + thumb), { url: `/media/files/${id}?n=${asked.length}`, expires: BigInt(now + 3600) }) } as never,
      () => now,
    );
    const [a, b] = await Promise.all([urls.get("f1", "m"), urls.get("f1", "m")]);
    expect(a).toBe(b);
    expect(asked).toEqual(["f1m"]);
    expect(urls.peek("f1", "m")).toBe(a);
    expect(urls.peek("f1")).toBeUndefined();
    now += 3600 - 100;
    expect(urls.peek("f1", "m")).toBeUndefined();
    expect(await urls.get("f1", "m")).not.toBe(a);
    expect(asked).toEqual(["f1m", "f1m"]);
  });

  it("a refused URL is asked for again next time", async () => {
    let fail = true;
    const urls = new FileUrls({ fileUrl: async () => { if (fail) throw new Error("FILE_NOT_FOUND"); return { url: "/u", expires: 9e9 }; } } as never, () => 0);
    await expect(urls.get("x")).rejects.toThrow("FILE_NOT_FOUND");
    fail = false;
    expect(await urls.get("x")).toBe("/u");
  });

  it("sizes and durations in the locale's digits", () => {
    expect(formatSize("en", 512)).toBe("512 byte");
    expect(formatSize("en", 12_345)).toBe("12.3 kB");
    expect(formatSize("en", 3_400_000)).toBe("3.4 MB");
    expect(formatSize("fa", 12_345)).toMatch(/۱۲٫۳/);
    expect(formatDuration("en", 65)).toBe("1:05");
    expect(formatDuration("fa", 65)).toBe("۱:۰۵");
  });
});
