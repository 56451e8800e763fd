// Opora's service worker: keeps the whole app in a cache so it starts with no network.
// Template: `cargo xtask dist` fills in the build's version and file list (xtask/src/sw.rs)
// and writes the result to dist/sw.js. Everything is relative to this file, so the app works
// from any sub-path.
const VERSION = "{{VERSION}}";
const FILES = {{FILES}};
// Caches belong to the whole origin: name ours by scope, so two copies of Opora on one host
// (`/opora/` and `/opora-test/`) never delete each other's.
const PREFIX = "opora:" + self.registration.scope + ":";
const CACHE = PREFIX + VERSION;
const INDEX = new URL("index.html", self.location).href;

self.addEventListener("install", (event) => {
  // No skipWaiting here: a new version waits until the user chooses to reload (or every tab
  // of the app is closed), so nobody loses the page they are typing in.
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(FILES.map((file) => new Request(file, { cache: "no-cache" }))),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(PREFIX) && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// The page's "Reload" button on the new-version notice.
self.addEventListener("message", (event) => {
  if (event.data === "skipWaiting") self.skipWaiting();
});

async function answer(request) {
  const cache = await caches.open(CACHE);
  const navigate = request.mode === "navigate";
  // One response per address: the server's `Vary: Accept-Encoding` is no reason to miss.
  let hit = await cache.match(request, { ignoreSearch: navigate, ignoreVary: true });
  // Any page address in scope without a file extension is the app (routes are in the hash).
  if (!hit && navigate && !/\.[^/]*$/.test(new URL(request.url).pathname)) {
    hit = await cache.match(INDEX, { ignoreVary: true });
  }
  return hit || fetch(request);
}

// Cache first for the origin's own GET requests; nothing else is touched.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(answer(request));
});
