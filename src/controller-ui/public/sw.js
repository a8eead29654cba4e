/* global self, caches, fetch, URL, Response */
// Service worker: makes the controller installable and lets it open from cache when the daemon restarts.
// Network first, so a daemon upgrade is picked up at once; the cache only answers when the network fails.
// Live data (/socket.io, /api, media) never goes through the cache.
const CACHE = 'smlive-controller-v1';
const SHELL = ['./', './index.html', './manifest.webmanifest', './icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

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
    const response = await fetch(request);
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
