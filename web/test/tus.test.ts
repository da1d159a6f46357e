import { describe, expect, it } from "vitest";
import { TusError, TusUpload } from "../src/core/tus";

/** A tus 1.0 server in memory, as the media routes answer, with faults to inject. */
class FakeTus {
  uploads = new Map<string, { length: number; bytes: number[]; meta: string }>();
  log: string[] = [];
  /** The next PATCH keeps this many bytes of its body, then the connection breaks. */
  breakNextPatchAfter = -1;
  lockNext = false;
  private next = 1;

  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const method = init.method ?? "GET";
    const h = new Headers(init.headers);
    this.log.push(`${method} ${url}${h.has("Upload-Offset") ? " @" + h.get("Upload-Offset") : ""}`);
    if (h.get("Tus-Resumable") !== "1.0.0") return this.json(412, "TUS_VERSION_UNSUPPORTED");
    if (h.get("Authorization") !== "Bearer tok") return this.json(401, "AUTH_INVALID");
    if (method === "POST" && url === "/media/uploads") {
      const id = `up${this.next++}`;
      this.uploads.set(id, { length: Number(h.get("Upload-Length")), bytes: [], meta: h.get("Upload-Metadata") ?? "" });
      return new Response(null, { status: 201, headers: { Location: `/media/uploads/${id}` } });
    }
    const u = this.uploads.get(url.split("/").pop()!);
    if (!u) return this.json(404, "UPLOAD_NOT_FOUND");
    if (method === "HEAD") return new Response(null, { status: 200, headers: { "Upload-Offset": String(u.bytes.length), "Upload-Length": String(u.length) } });
    if (method === "DELETE") {
      this.uploads.delete(url.split("/").pop()!);
      return new Response(null, { status: 204 });
    }
    if (method === "PATCH") {
      if (this.lockNext) {
        this.lockNext = false;
        return this.json(423, "UPLOAD_LOCKED");
      }
      if (h.get("Content-Type") !== "application/offset+octet-stream") return this.json(415, "CONTENT_TYPE_INVALID");
      if (Number(h.get("Upload-Offset")) !== u.bytes.length) return this.json(409, "UPLOAD_OFFSET_MISMATCH");
      const body = [...new Uint8Array(await (init.body as Blob).arrayBuffer())];
      if (this.breakNextPatchAfter >= 0) {
        u.bytes.push(...body.slice(0, this.breakNextPatchAfter));
        this.breakNextPatchAfter = -1;
        throw new TypeError("Failed to fetch");
      }
      u.bytes.push(...body);
      return new Response(null, { status: 204, headers: { "Upload-Offset": String(u.bytes.length) } });
    }
    return this.json(405, "METHOD_NOT_ALLOWED");
  };

  private json(status: number, code: string): Response {
    return new Response(JSON.stringify({ code, message: code.toLowerCase() }), { status, headers: { "Content-Type": "application/json" } });
  }
}

const bytes = (n: number) => new Blob([Uint8Array.from({ length: n }, (_, i) => i % 251)]);
const noSleep = async () => undefined;

describe("tus uploader", () => {
  it("creates the upload, then sends chunks at the server's offsets", async () => {
    const server = new FakeTus();
    const progress: number[] = [];
    const up = new TusUpload(bytes(25), { filename: "cat.png", filetype: "image/png" }, { token: "tok", chunkSize: 10, fetch: server.fetch, onProgress: (s) => progress.push(s) });
    const id = await up.start();
    expect(id).toBe("up1");
    expect(server.log).toEqual(["POST /media/uploads", "PATCH /media/uploads/up1 @0", "PATCH /media/uploads/up1 @10", "PATCH /media/uploads/up1 @20"]);
    expect(progress).toEqual([10, 20, 25]);
    expect(server.uploads.get("up1")!.bytes).toEqual([...new Uint8Array(await bytes(25).arrayBuffer())]);
    // metadata values are base64 of their UTF-8
    expect(server.uploads.get("up1")!.meta).toBe(`filename ${btoa("cat.png")},filetype ${btoa("image/png")}`);
  });

  it("after a PATCH breaks off, asks HEAD for the offset and sends only the rest", async () => {
    const server = new FakeTus();
    server.breakNextPatchAfter = 4;
    const up = new TusUpload(bytes(16), {}, { token: "tok", chunkSize: 10, fetch: server.fetch, sleep: noSleep });
    await up.start();
    expect(server.log).toEqual(["POST /media/uploads", "PATCH /media/uploads/up1 @0", "HEAD /media/uploads/up1", "PATCH /media/uploads/up1 @4", "PATCH /media/uploads/up1 @14"]);
    expect(server.uploads.get("up1")!.bytes).toEqual([...new Uint8Array(await bytes(16).arrayBuffer())]);
  });

  it("retries a locked upload after a HEAD", async () => {
    const server = new FakeTus();
    server.lockNext = true;
    const up = new TusUpload(bytes(5), {}, { token: "tok", fetch: server.fetch, sleep: noSleep });
    await up.start();
    expect(server.log).toEqual(["POST /media/uploads", "PATCH /media/uploads/up1 @0", "HEAD /media/uploads/up1", "PATCH /media/uploads/up1 @0"]);
  });

  it("a later start() resumes where the server is, without a new creation", async () => {
    const server = new FakeTus();
    const up = new TusUpload(bytes(20), {}, { token: "tok", chunkSize: 10, retries: 0, fetch: server.fetch, sleep: noSleep });
    server.breakNextPatchAfter = 10;
    await expect(up.start()).rejects.toThrow("Failed to fetch");
    server.log = [];
    await up.start();
    expect(server.log).toEqual(["HEAD /media/uploads/up1", "PATCH /media/uploads/up1 @10"]);
  });

  it("stops on a refusal that retrying cannot fix, with its code", async () => {
    const server = new FakeTus();
    const up = new TusUpload(bytes(5), {}, { token: "wrong", fetch: server.fetch, sleep: noSleep });
    const e = await up.start().catch((x) => x);
    expect(e).toBeInstanceOf(TusError);
    expect([e.status, e.code]).toEqual([401, "AUTH_INVALID"]);
    expect(server.log).toEqual(["POST /media/uploads"]);
  });

  it("cancel terminates the upload on the server and stops sending", async () => {
    const server = new FakeTus();
    let up: TusUpload;
    up = new TusUpload(bytes(30), {}, {
      token: "tok",
      chunkSize: 10,
      fetch: server.fetch,
      onProgress: (sent) => {
        if (sent === 10) void up.cancel();
      },
    });
    const e = await up.start().catch((x) => x);
    expect(e.code).toBe("UPLOAD_CANCELLED");
    expect(server.log).toEqual(["POST /media/uploads", "PATCH /media/uploads/up1 @0", "DELETE /media/uploads/up1"]);
    expect(server.uploads.size).toBe(0);
  });
});

describe("tus uploader resuming a saved upload", () => {
  it("goes on from the server's offset of a saved URL, with no new creation", async () => {
    const server = new FakeTus();
    let saved = "";
    const created = new TusUpload(bytes(20), {}, { token: "tok", chunkSize: 10, retries: 0, fetch: server.fetch, onCreated: (u) => (saved = u) });
    server.breakNextPatchAfter = 10;
    await expect(created.start()).rejects.toThrow();
    expect(saved).toBe("/media/uploads/up1");
    // a reload later: a new uploader for the same file, given the saved URL
    server.log = [];
    const again = new TusUpload(bytes(20), {}, { token: "tok", chunkSize: 10, fetch: server.fetch, resumeUrl: saved });
    expect(await again.start()).toBe("up1");
    expect(server.log).toEqual(["HEAD /media/uploads/up1", "PATCH /media/uploads/up1 @10"]);
  });

  it("starts a new upload when the saved one is gone or is of another length", async () => {
    const server = new FakeTus();
    const gone = new TusUpload(bytes(5), {}, { token: "tok", fetch: server.fetch, resumeUrl: "/media/uploads/nope" });
    expect(await gone.start()).toBe("up1");
    expect(server.log).toEqual(["HEAD /media/uploads/nope", "POST /media/uploads", "PATCH /media/uploads/up1 @0"]);
    server.log = [];
    const other = new TusUpload(bytes(7), {}, { token: "tok", fetch: server.fetch, resumeUrl: "/media/uploads/up1" });
    expect(await other.start()).toBe("up2");
    expect(server.log).toEqual(["HEAD /media/uploads/up1", "POST /media/uploads", "PATCH /media/uploads/up2 @0"]);
  });
});
