// The app shell offline: the page and its hashed assets are cached as they are fetched, and a
// navigation falls back to the cached page when the network is down (the chat list then comes
// from the saved snapshot). Only this origin's GETs are touched; /ws, /health and /media/ never
// are (files are streamed by Range with signed URLs that expire: nothing to cache here).
const CACHE = "chapar-shell-v1";

self.addEventListener("install", (e) => {
  // the page names its hashed script and style: cache them with it, so the first offline start works
  e.waitUntil(
    (async () => {
      const c = await caches.open(CACHE);
      const page = await fetch("/", { cache: "no-cache" });
      const html = await page.clone().text();
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      await c.put("/", page);
      await c.addAll(["/manifest.webmanifest", "/icon.svg", ...assets]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin || url.pathname === "/ws" || url.pathname === "/health" || url.pathname.startsWith("/media/")) return;
  if (req.mode === "navigate") {
    e.respondWith(
      fetch(req)
        .then((res) => {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put("/", copy));
          return res;
        })
        .catch(() => caches.match("/")),
    );
    return;
  }
  e.respondWith(
    caches.match(req).then(
      (hit) =>
        hit ||
        fetch(req).then((res) => {
          if (res.ok && url.pathname.startsWith("/assets/")) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put(req, copy));
          }
          return res;
        }),
    ),
  );
});
