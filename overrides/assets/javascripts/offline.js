// Offline reading: registers the language's service worker (sw.js, next to the
// page's manifest, see hooks/offline.py) after the page has loaded, so it adds
// nothing to the first view, and shows the footer's quiet note
// ([data-offline-status]) once the guide is kept on this device.
(() => {
  const manifest = document.querySelector('link[rel="manifest"]');
  if (!manifest || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  const worker = new URL("sw.js", manifest.href);
  const scope = new URL("./", worker).pathname;

  const showNote = () => {
    for (const note of document.querySelectorAll("[data-offline-status]")) note.hidden = false;
  };

  const register = () => {
    navigator.serviceWorker.register(worker.href, { scope })
      .then(() => navigator.serviceWorker.ready)  // active: every file of the language is kept
      .then(showNote)
      .catch(() => {});  // no offline copy; the site works as before
  };

  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
