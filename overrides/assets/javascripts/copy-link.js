/*
 * Every page loads this file (main.html), before the scripts of its own
 * pages, so it is also the home of the helpers they share, as window.site:
 *
 *   site.copy(text, field) -> Promise<boolean>: copies `text` to the clipboard;
 *     where the browser refuses it, selects `field` (or a hidden textarea
 *     holding the text) and copies with execCommand. Resolves to whether the
 *     text was copied.
 *   site.clipboard(text) -> Promise: the clipboard only; rejects when refused.
 *   site.liveRegion(className) -> a new, visually hidden status line (role=status).
 *   site.say(status, message): says `message` in the status line, emptied
 *     first so that the same message twice is announced twice.
 */
window.site = (() => {
  "use strict";

  const clipboard = (text) => {
    if (!navigator.clipboard || !window.isSecureContext) return Promise.reject(new Error("no clipboard"));
    return navigator.clipboard.writeText(text);
  };

  const execCopy = (text, field) => {
    const focused = document.activeElement;
    const area = field || document.createElement("textarea");
    if (!field) {
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
    }
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    if (!field) {
      area.remove();
      if (focused) focused.focus();
    }
    return ok;
  };

  const copy = (text, field) => clipboard(text).then(() => true, () => execCopy(text, field));

  const liveRegion = (className = "") => {
    const status = document.createElement("p");
    status.className = `visually-hidden ${className}`.trim();
    status.setAttribute("role", "status");
    return status;
  };

  const timers = new WeakMap();
  const say = (status, message) => {
    window.clearTimeout(timers.get(status));
    status.textContent = "";
    timers.set(status, window.setTimeout(() => { status.textContent = message; }, 50));
  };

  return Object.freeze({ copy, clipboard, liveRegion, say });
})();

/*
 * A "copy link" button on every h2/h3 of a page, so that a reader can send
 * the exact section. The button is labelled in the page's language (the
 * page's #site-labels) and a status line announces the result.
 */
(() => {
  "use strict";

  const ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0ZM8.5 20a5 5 0 0 1-3.5-8.5l2.1-2.1a1 1 0 0 1 1.4 1.4l-2.1 2.1a3 3 0 0 0 4.2 4.2l2.1-2.1a1 1 0 1 1 1.4 1.4l-2.1 2.1A5 5 0 0 1 8.5 20Zm8.4-5.1a1 1 0 0 1-.7-1.7l2.1-2.1a3 3 0 0 0-4.2-4.2L12 9a1 1 0 1 1-1.4-1.4l2.1-2.1a5 5 0 0 1 7.1 7.1l-2.1 2.1a1 1 0 0 1-.8.2Z"/></svg>';
  const CHECK = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2Z"/></svg>';

  const headings = document.querySelectorAll(".md-content article h2[id], .md-content article h3[id]");
  const source = document.getElementById("site-labels");
  if (!headings.length || !source) return;
  const labels = JSON.parse(source.textContent).copy_link;
  const { copy, liveRegion, say } = window.site;

  const status = liveRegion();
  document.body.appendChild(status);

  headings.forEach((heading) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.setAttribute("aria-label", labels.copy);
    button.title = labels.copy;
    button.innerHTML = ICON;  // a fixed icon, no page text
    button.addEventListener("click", () => {
      // The page's own address: no query string (tracking, search words) and no old anchor.
      const url = `${location.origin}${location.pathname}#${heading.id}`;
      copy(url).then((ok) => {
        if (ok) {
          button.classList.add("copy-link--done");
          button.innerHTML = CHECK;
          window.setTimeout(() => {
            button.classList.remove("copy-link--done");
            button.innerHTML = ICON;
          }, 2000);
        } else {
          location.hash = heading.id;
        }
        say(status, ok ? labels.copied : labels.failed);
      });
    });
    heading.classList.add("has-copy-link");
    heading.appendChild(button);
  });
})();
