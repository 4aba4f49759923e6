// The whole guide (hooks/guide_book.py) follows the system's light or dark
// setting, as the site's pages do; paper is always light (site.css).
(() => {
  "use strict";

  const dark = matchMedia("(prefers-color-scheme: dark)");
  const apply = () => { document.body.dataset.mdColorScheme = dark.matches ? "slate" : "default"; };
  apply();
  dark.addEventListener("change", apply);
})();
