// Offline reading: a few seconds after the page has loaded, when the browser
// is idle (so neither the first view nor a quick look costs anything),
// registers the site's service worker (its address is in the script tag's
// data-worker, see hooks/offline.py) and asks it to keep this page's language;
// once kept, the footer's quiet note ([data-offline-status]) shows.
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script || !script.dataset.worker || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  const worker = new URL(script.dataset.worker, location.href);
  const scope = new URL("./", worker).pathname;
  const lang = document.documentElement.lang;
  const DELAY = 3000;  // ms after load: a reader who stays is reading

  const showNote = () => {
    for (const note of document.querySelectorAll("[data-offline-status]")) note.hidden = false;
  };

  const keepLanguage = (registration) => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(Boolean(event.data && event.data.kept === lang));
    registration.active.postMessage({ keep: lang }, [channel.port2]);
  });

  const register = () => {
    const returning = Boolean(navigator.serviceWorker.controller);
    navigator.serviceWorker.register(worker.href, { scope })
      .then((registration) => returning && registration.update())  // a new build: a new sw.js, a new cache
      .then(() => navigator.serviceWorker.ready)
      .then(keepLanguage)
      .then((kept) => { if (kept) showNote(); })
      .catch(() => {});  // no offline copy; the site works as before
  };

  const later = () => setTimeout(() => {
    if ("requestIdleCallback" in window) requestIdleCallback(register, { timeout: 2000 });
    else register();
  }, DELAY);

  if (document.readyState === "complete") later();
  else window.addEventListener("load", later, { once: true });
})();
