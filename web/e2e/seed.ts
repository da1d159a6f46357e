// Seeds a server for the web benchmarks through the client core itself (run with vite-node and
// Node's WebSocket): a reader, `chats` other users who each write to the reader once, and one
// user who writes `messages` messages to the reader. Prints the reader's credentials as JSON.
import { Actions } from "../src/core/actions";
import { Client } from "../src/core/client";

const origin = process.env.CHAPAR_ORIGIN!;
const chats = Number(process.env.CHATS ?? 200);
const messages = Number(process.env.MESSAGES ?? 1000);
const url = origin.replace(/^http/, "ws") + "/ws";
const store = new Map<string, string>();
(globalThis as { localStorage?: unknown }).localStorage = {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => store.set(k, v),
  removeItem: (k: string) => store.delete(k),
};
(globalThis as { navigator?: unknown }).navigator ??= { userAgent: "chapar-web-seed" };

const tag = Math.random().toString(36).slice(2, 7);
async function account(name: string): Promise<{ c: Client; a: Actions }> {
  store.clear();
  const c = new Client(url);
  const a = new Actions(c);
  c.start();
  await a.register(name, "correct horse battery", name);
  return { c, a };
}

const reader = `reader_${tag}`;
const r = await account(reader);
r.c.conn.stop();
async function writeTo(name: string, count: number) {
  const w = await account(name);
  const found = (await w.a.searchUsers(reader)).find((u) => u.username === reader)!;
  w.c.store.users[found.id] = found;
  for (let i = 1; i <= count; i++) await w.a.send(`u${found.id}`, `${name} message ${i}`);
  w.c.conn.stop();
}
await writeTo(`long_${tag}`, messages);
for (let i = 0; i < chats - 1; i++) await writeTo(`w${i}_${tag}`, 1);
console.log(JSON.stringify({ reader, password: "correct horse battery", long: `long_${tag}` }));
process.exit(0);
