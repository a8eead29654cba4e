/* global self, caches, fetch, URL, Response */
// Service worker: makes the controller installable and lets it open from cache when the daemon restarts.
// Network first, so a daemon upgrade is picked up at once; the cache only answers when the network fails.
// Live data (/socket.io, /api, media) never goes through the cache.
const CACHE = 'smlive-controller-v2';
const SHELL = [
  './',
  './index.html',
  './manifest.webmanifest',
  './icon.svg',
  './icon-192.png',
  './icon-512.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

/** The shell plus every built file the build listed in precache.json (hashed names change per build). */
async function precache() {
  const cache = await caches.open(CACHE);
  let built = [];
  try {
    const response = await fetch('./precache.json', { cache: 'no-store' });
    if (response.ok) built = (await response.json()).map((file) => `./${file}`);
  } catch {
    // Without the list the shell is still cached, and the rest as it is fetched.
  }
  await cache.addAll([...new Set([...SHELL, ...built])]);
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

function isLive(url) {
  return /\/(socket\.io|api|media)\//.test(url.pathname);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isLive(url)) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  try {
    // The page itself is always revalidated: an index.html from the HTTP cache could name hashed files
    // that a newer daemon no longer has.
    const response =
      request.mode === 'navigate'
        ? await fetch(request.url, { cache: 'no-cache', credentials: 'same-origin' })
        : await fetch(request);
    if (response.ok) {
      const cache = await caches.open(CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  } catch {
    const cached =
      (await caches.match(request)) ??
      (request.mode === 'navigate' ? await caches.match('./index.html') : undefined);
    return cached ?? new Response('The controller is offline and this file is not cached.', { status: 503 });
  }
}
