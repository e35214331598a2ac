// Keeps the plan and tracker pages and their files on the phone so they open offline.
// CONFIG (cache name, page and static URLs) is written above this line by the server.
// It only ever fetches our own pages and files; plan data lives in localStorage, not here.
"use strict";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CONFIG.cache)
      .then((cache) => cache.addAll(CONFIG.pages.concat(CONFIG.static)))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names
        .filter((name) => name.startsWith(CONFIG.prefix) && name !== CONFIG.cache)
        .map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

function isStatic(url) {
  return CONFIG.static.includes(url.pathname);
}

// Pages: the network first (so they stay current), the saved copy when offline.
function networkFirst(request) {
  return fetch(request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CONFIG.cache).then((cache) => cache.put(request, copy));
      }
      return response;
    })
    .catch(() => caches.open(CONFIG.cache)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((cached) => cached || Response.error()));
}

// Static files: their names change when they change, so a saved copy is always right.
function cacheFirst(request) {
  return caches.open(CONFIG.cache)
    .then((cache) => cache.match(request))
    .then((cached) => cached || fetch(request));
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (isStatic(url)) {
    event.respondWith(cacheFirst(event.request));
  } else if (CONFIG.pages.includes(url.pathname)) {
    event.respondWith(networkFirst(event.request));
  }
});
