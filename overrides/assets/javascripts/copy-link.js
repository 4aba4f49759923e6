/*
 * A "copy link" button on every h2/h3 of a page, so that a reader can send
 * the exact section. The button is labelled in the page's language and a
 * status line announces the result.
 */
(function () {
  "use strict";

  const LABELS = {
    sv: { copy: "Kopiera länk till avsnittet", copied: "Länken till avsnittet är kopierad.", failed: "Det gick inte att kopiera. Kopiera adressen i adressfältet i stället." },
    en: { copy: "Copy link to this section", copied: "The link to this section is copied.", failed: "Copying didn't work. Copy the address from the address bar instead." }
  };
  const ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0ZM8.5 20a5 5 0 0 1-3.5-8.5l2.1-2.1a1 1 0 0 1 1.4 1.4l-2.1 2.1a3 3 0 0 0 4.2 4.2l2.1-2.1a1 1 0 1 1 1.4 1.4l-2.1 2.1A5 5 0 0 1 8.5 20Zm8.4-5.1a1 1 0 0 1-.7-1.7l2.1-2.1a3 3 0 0 0-4.2-4.2L12 9a1 1 0 1 1-1.4-1.4l2.1-2.1a5 5 0 0 1 7.1 7.1l-2.1 2.1a1 1 0 0 1-.8.2Z"/></svg>';
  const CHECK = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2Z"/></svg>';

  const headings = document.querySelectorAll(".md-content article h2[id], .md-content article h3[id]");
  if (!headings.length) return;
  const labels = LABELS[document.documentElement.lang] || LABELS.en;

  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function announce(message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    } else {
      done(false);
    }
  }

  Array.prototype.forEach.call(headings, function (heading) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.setAttribute("aria-label", labels.copy);
    button.title = labels.copy;
    button.innerHTML = ICON;  // a fixed icon, no page text
    button.addEventListener("click", function () {
      // The page's own address: no query string (tracking, search words) and no old anchor.
      const url = location.origin + location.pathname + "#" + heading.id;
      copy(url, function (ok) {
        if (!ok) location.hash = heading.id;
        if (ok) {
          button.classList.add("copy-link--done");
          button.innerHTML = CHECK;
          window.setTimeout(function () {
            button.classList.remove("copy-link--done");
            button.innerHTML = ICON;
          }, 2000);
        }
        announce(ok ? labels.copied : labels.failed);
      });
    });
    heading.classList.add("has-copy-link");
    heading.appendChild(button);
  });
})();
