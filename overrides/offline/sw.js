// The service worker: the guide readable offline, in the languages a reader has opened.
//
// hooks/offline.py publishes it at the site's root (/sw.js, scope: the whole
// site) with OFFLINE set above this code: per language its folder, its offline
// page, the files to keep (its pages, everything they load, its search index)
// and a cache name made from a hash of those files. Addresses are relative
// to this file.
//
// - A page asks (offline.js, message {keep: "sv"}) to keep its language: the
//   worker downloads that language's files into the language's cache.
// - A new build (a new sw.js) installs by downloading again the languages
//   already kept, then deletes every cache of earlier builds.
// - Every request goes to the network first, so advice is never stale, and a
//   copy is kept; only when the network fails does the cache answer. A page
//   not kept gets the offline page of its language.

/* global OFFLINE */
(() => {
  "use strict";

  const { prefix: PREFIX, languages: LANGUAGES } = OFFLINE;
  const VISITED = `${PREFIX}visited-${OFFLINE.version}`;  // pages and files opened, this build
  const DONE = "offline-complete";  // stored last: the language's download finished
  const scoped = (path) => new URL(path, self.location).href;
  const doneKey = (language) => scoped(`${DONE}/${language.lang}`);

  const isKept = async (language) => {
    if (!(await caches.has(language.cache))) return false;
    const cache = await caches.open(language.cache);
    return Boolean(await cache.match(doneKey(language)));
  };

  const keep = async (language) => {
    if (await isKept(language)) return;
    const cache = await caches.open(language.cache);
    await cache.addAll(language.files.map((path) => new Request(scoped(path), { cache: "no-cache" })));
    await cache.put(doneKey(language), new Response(OFFLINE.version));
  };

  // A language kept by an earlier build is kept again, from this build's files.
  const keptBefore = async () => {
    const names = await caches.keys();
    return LANGUAGES.filter((language) => names.some((name) => name.startsWith(`${PREFIX}${language.lang}-`)));
  };

  self.addEventListener("install", (event) => {
    event.waitUntil(
      keptBefore().then((languages) => Promise.all(languages.map(keep))).then(() => self.skipWaiting())
    );
  });

  self.addEventListener("activate", (event) => {
    const current = new Set([VISITED, ...LANGUAGES.map((language) => language.cache)]);
    event.waitUntil(
      caches.keys()
        .then((names) => names.filter((name) => name.startsWith(PREFIX) && !current.has(name)))
        .then((old) => Promise.all(old.map((name) => caches.delete(name))))
        .then(() => self.clients.claim())
    );
  });

  self.addEventListener("message", (event) => {
    const language = LANGUAGES.find((candidate) => candidate.lang === (event.data && event.data.keep));
    const port = event.ports[0];
    if (!language || !port) return;
    event.waitUntil(
      keep(language).then(() => port.postMessage({ kept: language.lang }), () => port.postMessage({ kept: null }))
    );
  });

  // The cache key: the address without its query (Pagefind adds ?ts=… to its files).
  const keyOf = (request) => {
    const url = new URL(request.url);
    url.search = "";
    return url.href;
  };

  const fromNetwork = async (request) => {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      caches.open(VISITED).then((cache) => cache.put(keyOf(request), copy)).catch(() => {});
    }
    return response;
  };

  // The offline page of the language whose folder holds the address, else any kept one.
  const offlinePage = async (url) => {
    const path = new URL(url).pathname;
    const own = LANGUAGES.find((language) => path.startsWith(new URL(scoped(language.folder)).pathname));
    for (const language of [own, ...LANGUAGES].filter(Boolean)) {
      const page = await caches.match(scoped(language.offline));
      if (page) return page;
    }
    return undefined;
  };

  const fromCache = async (request) => {
    const cached = await caches.match(keyOf(request), { ignoreSearch: true });
    if (cached) return cached;
    const page = request.mode === "navigate" ? await offlinePage(request.url) : undefined;
    return page || Response.error();
  };

  self.addEventListener("fetch", (event) => {
    const { request } = event;
    if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
    event.respondWith(fromNetwork(request).catch(() => fromCache(request)));
  });
})();
