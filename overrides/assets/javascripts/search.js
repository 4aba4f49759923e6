/* Site search: the header button and the / key open the search dialog
 * (partials/search.html). Pagefind and the index of the page's language
 * load on first use, not with the page. */
(() => {
  "use strict";

  const dialog = document.querySelector(".search-dialog");
  if (!dialog) return;
  const input = dialog.querySelector(".search-dialog__input");
  const status = dialog.querySelector(".search-dialog__status");
  const list = dialog.querySelector(".search-dialog__results");
  const labels = JSON.parse(dialog.dataset.searchLabels);
  const bundle = new URL(dialog.dataset.searchBundle, location.href);

  const MIN_LENGTH = 2;  // shorter queries match half the site
  const MAX_PAGES = 20;
  const MAX_LOADED = 60;  // results checked for relevance (see relevant)
  const MAX_SECTIONS = 3;

  let pagefind = null;   // promise of the Pagefind module, once asked for
  let ready = false;     // Pagefind has loaded
  let latest = 0;        // number of the latest search; older answers are dropped
  let opener = null;     // where focus goes back when the dialog closes

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(async module => {
        await module.options({ baseUrl: new URL("..", bundle).pathname, excerptLength: 20 });
        await module.init();
        module.preload("a");  // loads the WebAssembly while the reader types
        ready = true;
        return module;
      });
      pagefind.catch(() => { pagefind = null; });  // try again next time
    }
    return pagefind;
  }

  function open() {
    if (!dialog.open) {
      opener = document.activeElement;
      dialog.showModal();
    }
    input.focus();
    input.select();
    if (!status.textContent) status.textContent = labels.hint;  // said when it opens
    load().catch(() => { status.textContent = labels.failed; });
  }

  function close() {
    dialog.close();
  }

  dialog.addEventListener("close", () => {
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  });

  /* Searching ------------------------------------------------------------- */

  async function search() {
    const query = input.value.trim();
    const number = ++latest;
    if (query.length < MIN_LENGTH) {
      show(labels.hint, []);
      return;
    }
    let module;
    try {
      if (!ready) status.textContent = labels.loading;
      module = await load();
    } catch {
      if (number === latest) show(labels.failed, []);
      return;
    }
    const found = await module.debouncedSearch(query, {}, 120);
    if (found === null || number !== latest) return;
    const loaded = await Promise.all(found.results.slice(0, MAX_LOADED).map(result => result.data()));
    if (number !== latest) return;
    const terms = query.split(/\s+/).map(fold).filter(Boolean);
    const pages = loaded.filter(page => relevant(page, terms));
    const count = pages.length;
    const text = count === 0 ? labels.none : count === 1 ? labels.one : labels.other;
    show(text.replace("{count}", count).replace("{query}", query), pages.slice(0, MAX_PAGES).map(result));
  }

  /* When no indexed word starts with a query word, Pagefind falls back to the
   * longest indexed word the query word starts with: "semester" finds "se",
   * "förhandling" on an English page finds "for". A page is kept only if each
   * query word shares a good part of its beginning with a word matched there. */
  function relevant(page, terms) {
    const words = page.content.split(/[\r\n\s]+/g);
    const matched = new Set();
    for (const at of page.locations || []) {
      const word = fold(words[at] || "");
      matched.add(word);
      for (const part of word.split("-")) matched.add(part);
    }
    if (matched.size === 0) return true;
    return terms.every(term => {
      const needed = Math.min(term.length, Math.max(3, Math.ceil(term.length * 0.4)));
      return [...matched].some(word => sharedStart(word, term) >= needed);
    });
  }

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  function sharedStart(a, b) {
    let length = 0;
    while (length < a.length && length < b.length && a[length] === b[length]) length++;
    return length;
  }

  function show(text, items) {
    status.textContent = text;
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
  }

  /* One page: its title and excerpt, and the sections that match best. */
  function result(page) {
    const item = element("li", "search-dialog__result");
    item.append(link(page.url, page.meta.title, page.excerpt, "search-dialog__page"));
    const sections = page.sub_results
      .filter(section => section.anchor && section.anchor.element !== "h1")  // the page itself
      .map((section, order) => ({ section, order, score: score(section) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_SECTIONS)
      .sort((a, b) => a.order - b.order);
    if (sections.length) {
      const nested = element("ul", "search-dialog__sections");
      for (const { section } of sections) {
        const entry = element("li");
        entry.append(link(section.url, section.title, section.excerpt, "search-dialog__section"));
        nested.append(entry);
      }
      item.append(nested);
    }
    return item;
  }

  function score(section) {
    return (section.weighted_locations || []).reduce((sum, at) => sum + at.balanced_score, 0);
  }

  function link(url, title, excerpt, className) {
    const anchor = element("a", className);
    anchor.href = url;
    const heading = element("span", "search-dialog__title");
    heading.textContent = title;
    const text = element("span", "search-dialog__excerpt");
    text.append(highlighted(excerpt));
    anchor.append(heading, text);
    return anchor;
  }

  /* Pagefind's excerpt as text, keeping only its <mark> elements. */
  function highlighted(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const fragment = document.createDocumentFragment();
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.append(mark);
      } else {
        fragment.append(node.textContent);
      }
    }
    return fragment;
  }

  function element(name, className) {
    const node = document.createElement(name);
    if (className) node.className = className;
    return node;
  }

  /* Keyboard -------------------------------------------------------------- */

  const NOT_TEXT = ["button", "checkbox", "color", "file", "image", "radio", "range", "reset", "submit"];

  function typingIn(node) {
    if (!(node instanceof Element)) return false;
    if (node.isContentEditable || node.matches("textarea, select")) return true;
    return node.matches("input") && !NOT_TEXT.includes(node.type);
  }

  document.addEventListener("keydown", event => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (dialog.open || typingIn(event.target)) return;
    event.preventDefault();
    open();
  });

  dialog.addEventListener("keydown", event => {
    event.stopPropagation();  // keep Material's page shortcuts (n, p, …) out of the dialog
    const links = list.hidden ? [] : [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();  // Esc in a search field would only clear it
      close();
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    } else if (at >= 0 && !event.ctrlKey && !event.metaKey && !event.altKey
               && (event.key.length === 1 || event.key === "Backspace")) {
      input.focus();  // typing on a result goes on typing the query
    }
  });

  input.addEventListener("input", search);
  for (const button of document.querySelectorAll("[data-search-open]")) {
    button.addEventListener("click", open);
  }
  dialog.querySelector("[data-search-close]").addEventListener("click", close);

  dialog.addEventListener("click", event => {
    if (event.target.closest("a")) {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return;  // opens elsewhere
      opener = null;  // the link decides where focus goes
      close();
    } else if (event.target === dialog) {
      const box = dialog.getBoundingClientRect();
      const inside = event.clientX >= box.left && event.clientX <= box.right
        && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) close();  // a click on the backdrop
    }
  });
})();
