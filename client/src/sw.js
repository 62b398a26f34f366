// Torg's service worker: keeps the app shell available so a reload on a dropped venue
// network still opens the board (its content comes from IndexedDB via y-indexeddb).
// Sync, API, sign-in and health requests always go to the network.
//
// The build (client/build/service-worker.ts) writes into PRECACHE the chunks, styles and
// fonts a participant's pages need (the join page, a workshop, a board; not the console,
// the exports or the template previews), and so changes this file on every new version:
// the browser installs it again, and the new shell replaces the old one.
const PRECACHE = /* precache */ [];
const VERSION = /* version */ 'dev';
const PREFIX = 'torg-shell-';
const CACHE = PREFIX + VERSION;
const SHELL = '/';

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const res = await fetch(SHELL, { cache: 'no-cache' });
  if (!res.ok) return;
  await cache.put(SHELL, res);
  await cache.addAll(PRECACHE);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // The shells of earlier versions go; this one has everything a board needs.
  const dropOld = caches
    .keys()
    .then((keys) =>
      Promise.all(
        keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)),
      ),
    );
  event.waitUntil(dropOld.then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  // Sign-in (redirects to the identity provider and back) is the server's alone, too.
  if (/^\/(api|sync|auth)\//.test(url.pathname) || url.pathname === '/healthz') return;

  if (req.mode === 'navigate') {
    // Every route renders the same index.html: network first, the cached shell offline.
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(CACHE).then((c) => c.put(SHELL, copy));
          }
          return res;
        })
        .catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    );
    return;
  }
  // Hashed assets never change: cache first. Anything else: network first.
  const immutable = url.pathname.startsWith('/assets/');
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      if (immutable) {
        const hit = await cache.match(req);
        if (hit) return hit;
      }
      try {
        const res = await fetch(req);
        if (res.ok) await cache.put(req, res.clone());
        return res;
      } catch (err) {
        const hit = await cache.match(req);
        if (hit) return hit;
        throw err;
      }
    })(),
  );
});
