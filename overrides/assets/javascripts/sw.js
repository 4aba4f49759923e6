// The service worker of one language: the guide readable offline.
//
// hooks/offline.py writes it to the language's root (/sw.js, /en/sw.js) with
// OFFLINE set above this code: the cache name (from a hash of the build), the
// files of that language to keep (pages, their assets, its search index) and
// the offline page per language folder. Addresses are relative to this file.
//
// - Install: download every listed file into a new cache.
// - Activate: delete the caches of earlier builds (what is gone goes with them).
// - Fetch: always ask the network first, so advice is never stale, and keep a
//   copy; only when the network fails, answer from the cache; a page that is
//   not there gets the offline page of its language.

/* global OFFLINE */
const PREFIX = OFFLINE.prefix;
const CACHE = OFFLINE.cache;
const scoped = path => new URL(path, self.location).href;

self.addEventListener("install", event => {
  const requests = OFFLINE.files.map(path => new Request(scoped(path), { cache: "no-cache" }));
  event.waitUntil(
    caches.open(CACHE).then(cache => cache.addAll(requests)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", event => {
  event.waitUntil(
    caches.keys()
      .then(names => names.filter(name => name.startsWith(PREFIX) && name !== CACHE))
      .then(old => Promise.all(old.map(name => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

// The cache key: the address without its query (Pagefind adds ?ts=… to its files).
const keyOf = request => {
  const url = new URL(request.url);
  url.search = "";
  return url.href;
};

const fromNetwork = async request => {
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    caches.open(CACHE).then(cache => cache.put(keyOf(request), copy)).catch(() => {});
  }
  return response;
};

const offlinePage = url => {
  const path = new URL(url).pathname;
  const match = OFFLINE.offline.find(([folder]) => path.startsWith(new URL(folder, self.location).pathname));
  return caches.match(scoped(match ? match[1] : OFFLINE.offline.at(-1)[1]));
};

const fromCache = async request => {
  const cached = await caches.match(keyOf(request), { ignoreSearch: true });
  if (cached) return cached;
  if (request.mode === "navigate") {
    const page = await offlinePage(request.url);
    if (page) return page;
  }
  return Response.error();
};

self.addEventListener("fetch", event => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fromNetwork(request).catch(() => fromCache(request)));
});
