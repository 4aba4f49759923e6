/*
 * The language switch keeps the reader at the same heading. Every heading has
 * the same id in both languages (the build checks it), so just before a link
 * of the language menu is followed, copied or opened in a new tab, it gets
 * the id of what the reader is at: the address's #id while that is on screen,
 * else the last heading scrolled up to just under the header.
 */
(() => {
  "use strict";

  const links = document.querySelectorAll(".md-select__link[hreflang]");
  const headings = document.querySelectorAll(".md-content article :is(h2, h3)[id]");  // the ids the build keeps equal
  if (!links.length) return;

  const onScreen = (element) => {
    const { top, bottom } = element.getBoundingClientRect();
    return bottom > 0 && top < window.innerHeight;
  };

  const currentId = () => {
    const hash = decodeURIComponent(location.hash.slice(1));
    const target = hash && document.getElementById(hash);
    if (target && onScreen(target)) return hash;
    const header = document.querySelector(".md-header");
    const line = (header ? header.getBoundingClientRect().bottom : 0) + window.innerHeight * 0.15;
    let id = "";
    for (const heading of headings) {
      if (heading.getBoundingClientRect().top > line) break;
      id = heading.id;
    }
    return id;
  };

  const update = () => {
    const id = currentId();
    for (const link of links) {
      const url = new URL(link.href);
      url.hash = id;
      link.href = url.href;
    }
  };

  for (const link of links) {
    for (const type of ["pointerdown", "focus", "click", "contextmenu"]) {
      link.addEventListener(type, update);
    }
  }
})();
