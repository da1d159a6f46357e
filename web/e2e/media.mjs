// The media scenarios: a photo goes up by tus from the file input and shows at the other end
// (thumbnail, full view, caption), a document downloads, and a voice note recorded from
// chromium's fake microphone plays for its receiver, streamed by ranges from signed URLs.
import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { openPrivate, signUp, unique } from "./harness.mjs";

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A w x h RGB PNG with a colour gradient (big enough for the server's "m" thumbnail). */
export function png(w, h) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const at = y * (w * 3 + 1);
    for (let x = 0; x < w; x++) rows.set([(x * 255) / w, (y * 255) / h, 160], at + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

async function pairInChat(browser, origin) {
  const a = await browser.context();
  const b = await browser.context();
  const bob = unique("bob");
  await signUp(a.page, origin, unique("alice"), "Alice");
  await signUp(b.page, origin, bob, "Bob");
  await openPrivate(a.page, bob);
  return { a, b };
}

async function attach(page, name, mimeType, buffer) {
  await page.getByLabel("Choose a file").setInputFiles({ name, mimeType, buffer });
  await page.getByRole("group", { name: "Attachment" }).getByRole("status").filter({ hasText: "Uploaded" }).waitFor();
}

export const mediaScenarios = {
  async "a photo is sent and shown, with its caption, a full view and a document download"({ origin, browser, shots }) {
    const { a, b } = await pairInChat(browser, origin);
    await a.page.setViewportSize({ width: 1100, height: 720 });
    await b.page.setViewportSize({ width: 1100, height: 720 });
    await attach(a.page, "sunset.png", "image/png", png(480, 320));
    assert.equal(await a.page.getByRole("progressbar", { name: "Upload progress" }).getAttribute("value"), "100");
    await a.page.getByLabel("Message", { exact: true }).fill("Sunset <b>over</b> the bay");
    await a.page.getByRole("button", { name: "Send" }).click();
    await a.page.getByRole("group", { name: "Attachment" }).waitFor({ state: "detached" });
    await a.page.locator(".msg.out .media img").waitFor();
    // bob: the chat list says Photo, the chat shows the thumbnail loaded and the caption as text
    const row = b.page.locator(".dialog", { hasText: "Alice" });
    await row.filter({ hasText: "Photo" }).waitFor();
    await row.click();
    const img = b.page.locator(".msg.in .media img");
    await img.waitFor();
    await b.page.waitForFunction(() => document.querySelector(".msg.in .media img")?.naturalWidth > 0);
    assert.equal(await img.evaluate((i) => i.naturalWidth), 320, "the m thumbnail (320 px), not the photo");
    assert.match(await img.getAttribute("src"), /^\/media\/files\/[\w-]+\/thumbs\/m\?exp=\d+&sig=/);
    await b.page.locator(".msg.in .text", { hasText: "Sunset <b>over</b> the bay" }).waitFor();
    assert.equal(await b.page.locator(".msg.in .text b").count(), 0);
    // alice edits the caption; bob sees the new one under the same photo
    await a.page.locator(".msg.out", { has: a.page.locator(".media img") }).locator(".bubble").click();
    await a.page.getByRole("button", { name: "Edit", exact: true }).click();
    await a.page.getByLabel("Message", { exact: true }).fill("Sunset over the bay, edited");
    await a.page.getByRole("button", { name: "Send" }).click();
    await b.page.locator(".msg.in .text", { hasText: "Sunset over the bay, edited" }).waitFor();
    assert.equal(await b.page.locator(".msg.in .media img").count(), 1);
    await b.page.screenshot({ path: shots + "en-photo.png" });
    // the full view is a labelled modal dialog with the photo itself; Esc closes it
    await b.page.getByRole("button", { name: "Open photo" }).click();
    const viewer = b.page.getByRole("dialog", { name: "Photo viewer" });
    await viewer.waitFor();
    await b.page.waitForFunction(() => document.querySelector("dialog.viewer img")?.naturalWidth === 480);
    await b.page.keyboard.press("Escape");
    await viewer.waitFor({ state: "detached" });
    // a document: a link with its name and size, whose signed URL gives the bytes back
    await attach(a.page, "notes.txt", "text/plain", Buffer.from("meeting at 10\n"));
    await a.page.getByRole("button", { name: "Send" }).click();
    const link = b.page.locator(".msg.in .document a", { hasText: "notes.txt" });
    await link.waitFor();
    assert.match(await b.page.locator(".msg.in .document .size").last().innerText(), /14 byte/);
    assert.equal(await link.evaluate((l) => fetch(l.href).then((r) => r.text())), "meeting at 10\n");
    // the same chat in Persian: mirrored, with the size in Persian digits
    const chat = new URL(b.page.url()).hash;
    await b.page.goto(origin + "/#/settings");
    await b.page.getByLabel("Language", { exact: true }).selectOption("fa");
    await b.page.goto(origin + "/" + chat);
    await b.page.locator(".msg.in .document .size", { hasText: /[۰-۹]/ }).waitFor();
    await b.page.waitForFunction(() => [...document.querySelectorAll(".msg.in .media img")].every((i) => i.naturalWidth > 0));
    await b.page.screenshot({ path: shots + "fa-photo.png" });
  },

  async "a file dropped on the chat or pasted is attached, and Cancel terminates its upload"({ origin, browser }) {
    const { a, b } = await pairInChat(browser, origin);
    const bar = a.page.getByRole("group", { name: "Attachment" });
    // a drop onto the chat
    await a.page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(["dropped bytes"], "dropped.txt", { type: "text/plain" }));
      const chat = document.querySelector("section.chat");
      chat.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
      chat.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await bar.filter({ hasText: "dropped.txt" }).getByRole("status").filter({ hasText: "Uploaded" }).waitFor();
    // Cancel: the upload is terminated on the server (DELETE answered 204) and nothing is sent
    const deleted = a.page.waitForResponse((r) => r.request().method() === "DELETE" && /\/media\/uploads\/[\w-]+$/.test(r.url()));
    await bar.getByRole("button", { name: "Cancel upload" }).click();
    assert.equal((await deleted).status(), 204);
    await bar.waitFor({ state: "detached" });
    // a paste into the message box
    await a.page.getByLabel("Message", { exact: true }).evaluate((box) => {
      const dt = new DataTransfer();
      dt.items.add(new File(["pasted bytes"], "pasted.txt", { type: "text/plain" }));
      box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await bar.filter({ hasText: "pasted.txt" }).getByRole("status").filter({ hasText: "Uploaded" }).waitFor();
    await a.page.getByRole("button", { name: "Send" }).click();
    await b.page.locator(".dialog", { hasText: "Alice" }).click();
    await b.page.locator(".msg.in .document a", { hasText: "pasted.txt" }).waitFor();
    assert.equal(await b.page.locator(".msg.in .document a", { hasText: "dropped.txt" }).count(), 0);
  },

  async "a voice note recorded in the browser plays for its receiver"({ origin, browser }) {
    const { a, b } = await pairInChat(browser, origin);
    await a.page.getByRole("button", { name: "Record voice" }).click();
    const stop = a.page.getByRole("button", { name: "Stop recording" });
    await stop.waitFor();
    await a.page.waitForTimeout(1600);
    await stop.click();
    await a.page.getByRole("group", { name: "Attachment" }).getByRole("status").filter({ hasText: "Uploaded" }).waitFor();
    await a.page.getByRole("button", { name: "Send" }).click();
    await a.page.locator(".msg.out .media audio").waitFor();
    await b.page.locator(".dialog", { hasText: "Alice" }).click();
    const audio = b.page.locator(".msg.in .media audio");
    await audio.waitFor();
    assert.match(await b.page.locator(".msg.in .media .label").innerText(), /Voice message/);
    // it plays: the server streams it by ranges to the player
    await audio.evaluate((el) => el.play());
    await b.page.waitForFunction(() => {
      const el = document.querySelector(".msg.in .media audio");
      return el && el.readyState >= 2 && el.currentTime > 0;
    });
  },
};
