// Keeps a few pages (home, "Get help now", the plan and tracker) and their files on the
// device so they open offline. CONFIG is written above this line by core/offline.py.
// It only ever fetches our own pages and files; plan data lives in localStorage, not here.
// The rule for phone numbers is in docs/plan.md ("Offline").
"use strict";

var SAVED_AT = "X-Saved-At";
var lastRefresh = 0;

function isPage(url) { return CONFIG.pages.indexOf(url.pathname) >= 0; }
function isStatic(url) { return CONFIG.static.indexOf(url.pathname) >= 0; }

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

// A copy that remembers when it was saved.
function save(request, response) {
  if (!response || !response.ok || response.type !== "basic") return Promise.resolve();
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set(SAVED_AT, String(Date.now()));
    var copy = new Response(body, { status: response.status, statusText: response.statusText,
      headers: headers });
    return caches.open(CONFIG.cache).then(function (cache) { return cache.put(request, copy); });
  });
}

function fetchAndSave(url) {
  var request = new Request(url, { credentials: "same-origin", cache: "no-cache" });
  return fetch(request).then(function (response) { return save(request, response); })
    .catch(function () { /* offline or failing: keep what we have */ });
}

self.addEventListener("install", function (event) {
  // One file failing must not stop the others being kept.
  event.waitUntil(Promise.all(CONFIG.pages.concat(CONFIG.static).map(fetchAndSave))
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys()
    .then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name !== CONFIG.cache && CONFIG.prefixes.some(function (prefix) {
          return name.indexOf(prefix) === 0;
        });
      }).map(function (name) { return caches.delete(name); }));
    })
    .then(function () {
      // Start the network request while the worker boots, so pages are not slower with it.
      if (self.registration.navigationPreload) return self.registration.navigationPreload.enable();
    })
    .then(function () { return self.clients.claim(); }));
});

// While the site is used online, saved pages older than a day are fetched again, so a saved
// help page is never much older than the last visit to any page of the site.
function refreshOldCopies() {
  if (Date.now() - lastRefresh < 10 * 60 * 1000) return Promise.resolve();
  lastRefresh = Date.now();
  return caches.open(CONFIG.cache).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.map(function (request) {
        if (!isPage(new URL(request.url))) return null;
        return cache.match(request, { ignoreVary: true }).then(function (copy) {
          var savedAt = Number(copy && copy.headers.get(SAVED_AT)) || 0;
          if (Date.now() - savedAt > CONFIG.refreshAfter) return fetchAndSave(request.url);
          return null;
        });
      }));
    });
  });
}

function formatDate(time) {
  try {
    return new Date(time).toLocaleString(CONFIG.lang, { dateStyle: "long", timeStyle: "short" });
  } catch (e) {
    return new Date(time).toISOString().slice(0, 16).replace("T", " ");
  }
}

// The saved page with a line at the top of its content saying when it was saved.
function withSavedNotice(copy, savedAt) {
  return copy.text().then(function (html) {
    var notice = '<p class="notice offline-notice">' +
      escapeHtml(CONFIG.words.saved.replace("{date}", formatDate(savedAt))) + "</p>";
    var marker = /<main\b[^>]*>/.exec(html);
    var at = marker ? marker.index + marker[0].length : 0;
    var headers = new Headers(copy.headers);
    headers.delete("Content-Length");
    return new Response(html.slice(0, at) + notice + html.slice(at), { status: 200,
      headers: headers });
  });
}

// Instead of a help page too old to trust: the emergency numbers only, and why.
function tooOldPage() {
  var w = CONFIG.words;
  var numbers = CONFIG.emergency.map(function (country) {
    return "<li><strong>" + escapeHtml(country.name) + '</strong>: <a class="button" href="tel:' +
      escapeHtml(country.number) + '">' + escapeHtml(w.call.replace("{number}", country.number)) +
      "</a></li>";
  }).join("");
  var html = '<!doctype html><html lang="' + escapeHtml(CONFIG.lang) + '"><head>' +
    '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>" + escapeHtml(w.title) + '</title><link rel="stylesheet" href="' +
    escapeHtml(CONFIG.stylesheet) + '"></head><body>' +
    '<aside class="help-bar" aria-label="' + escapeHtml(w.exit) + '"><div class="help-bar-row">' +
    '<a class="quick-exit" href="' + escapeHtml(CONFIG.exitUrl) + '" rel="nofollow noreferrer">' +
    escapeHtml(w.exit) + "</a></div></aside>" +
    '<main id="main"><h1>' + escapeHtml(w.title) + "</h1><p>" + escapeHtml(w.tooOld) + "</p>" +
    '<section class="emergency"><h2>' + escapeHtml(w.emergencyHeading) + '</h2><ul class="offline-help">' +
    numbers + "</ul></section></main></body></html>";
  return new Response(html, { status: 200, headers: {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:",
  } });
}

function fromCache(request, url) {
  // One copy per address: the worker and its cache belong to one language already, and the
  // copies saved at install were asked for without the page's Accept-Language.
  return caches.open(CONFIG.cache).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (copy) {
      return copy || cache.match(request, { ignoreSearch: true, ignoreVary: true });
    });
  }).then(function (copy) {
    if (!copy) return Response.error();
    var savedAt = Number(copy.headers.get(SAVED_AT)) || 0;
    if (CONFIG.numberPages.indexOf(url.pathname) >= 0 && Date.now() - savedAt > CONFIG.maxAge) {
      return tooOldPage();
    }
    return withSavedNotice(copy, savedAt);
  });
}

// Static files: their names change when they change, so a saved copy is right.
function cacheFirst(request) {
  return caches.open(CONFIG.cache)
    .then(function (cache) { return cache.match(request, { ignoreVary: true }); })
    .then(function (copy) { return copy || fetch(request); });
}

function fromNetwork(event) {
  return Promise.resolve(event.preloadResponse).then(function (preloaded) {
    return preloaded || fetch(event.request);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (isStatic(url)) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (request.mode !== "navigate") return;
  // Pages: the network first, so they are always current; the saved copy when offline.
  event.respondWith(fromNetwork(event).then(function (response) {
    if (isPage(url)) event.waitUntil(save(request, response.clone()));
    event.waitUntil(refreshOldCopies());
    return response;
  }, function () {
    return isPage(url) ? fromCache(request, url) : Response.error();
  }));
});
