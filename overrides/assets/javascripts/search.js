/* Site search: the header button and the / key open the search dialog
 * (partials/search.html). Pagefind with the index of the page's language,
 * the query engine (search-engine.js) and the language's words load on
 * first use, not with the page. */
(() => {
  "use strict";

  const dialog = document.querySelector(".search-dialog");
  if (!dialog) return;
  const input = dialog.querySelector(".search-dialog__input");
  const status = dialog.querySelector(".search-dialog__status");
  const list = dialog.querySelector(".search-dialog__results");
  const labels = JSON.parse(dialog.dataset.searchLabels);
  const help = JSON.parse(dialog.dataset.searchHelp);  // [url, title] offered when nothing is found
  const bundle = new URL(dialog.dataset.searchBundle, location.href);

  // From the page, so it follows the file's content-hashed name (hooks/fingerprint.py).
  const engineUrl = new URL(dialog.dataset.searchEngine, location.href);

  const MIN_LENGTH = 2;  // shorter queries match half the site
  const MAX_PAGES = 20;
  const MAX_SECTIONS = 3;

  let loading = null;    // promise of {pagefind, engine, words}, once asked for
  let ready = false;     // everything has loaded
  let latest = 0;        // number of the latest search; older answers are dropped
  let opener = null;     // where focus goes back when the dialog closes

  /* On first use: Pagefind with the page language's index, the query engine
   * (search-engine.js) and the language's words file (hooks/search.py). */
  const load = () => {
    if (!loading) {
      const lang = document.documentElement.lang || "sv";
      const pagefind = import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: new URL("..", bundle).pathname, excerptLength: 20 });
        await pagefind.init();
        pagefind.preload("a");  // loads the WebAssembly while the reader types
        return pagefind;
      });
      const words = fetch(new URL(`words.${lang}.json`, bundle)).then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.url}`);
        return response.json();
      });
      loading = Promise.all([pagefind, import(engineUrl.href), words]).then(([pagefind, engine, words]) => {
        ready = true;
        return { pagefind, engine, words: engine.vocabulary(words) };
      });
      loading.catch(() => { loading = null; });  // try again next time
    }
    return loading;
  };

  const open = () => {
    if (!dialog.open) {
      opener = document.activeElement;
      dialog.showModal();
    }
    input.focus();
    input.select();
    if (!status.textContent) status.textContent = labels.hint;  // said when it opens
    load().catch(() => { status.textContent = labels.failed; });
  };

  const close = () => {
    dialog.close();
  };

  dialog.addEventListener("close", () => {
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  });

  /* Searching ------------------------------------------------------------- */

  // A function as replacement: "$&" in a query stays text.
  const message = (template, count, query) =>
    template.replace("{count}", () => String(count)).replace("{query}", () => query);

  const search = async () => {
    const query = input.value.trim();
    const number = ++latest;
    if (query.length < MIN_LENGTH) {
      show(labels.hint, []);
      return;
    }
    try {
      if (!ready) status.textContent = labels.loading;
      const { pagefind, engine, words } = await load();
      await new Promise((resolve) => setTimeout(resolve, 120));  // wait until typing pauses
      if (number !== latest) return;
      const pages = await engine.pagesFor(pagefind, query, words);
      const count = pages.length;
      const items = count
        ? pages.slice(0, MAX_PAGES).map((page) => result(page, engine))
        : [helpItem(await engine.nearest(pagefind, query, words))];
      if (number !== latest) return;
      const text = count === 0 ? labels.none : count === 1 ? labels.one : labels.other;
      show(message(text, count, query), items, count === 0);
    } catch {
      if (number === latest) show(labels.failed, []);
    }
  };

  const show = (text, items, helping = false) => {
    status.textContent = text;
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
    list.setAttribute("aria-label", helping ? labels.help : labels.results);
  };

  /* Nothing found: the nearest pages, then the glossary, the checklists and
   * the start page. */
  const helpItem = (nearest) => {
    const links = [...nearest];
    for (const [url, title] of help) {
      if (!links.some(([known]) => new URL(known, location.href).href === new URL(url, location.href).href)) {
        links.push([url, title]);
      }
    }
    const item = element("li", "search-dialog__help");
    const heading = element("p", "search-dialog__help-title");
    heading.textContent = labels.help;
    const nested = element("ul");
    for (const [url, title] of links) {
      const anchor = element("a", "search-dialog__section search-dialog__help-link");
      anchor.href = url;
      const text = element("span", "search-dialog__title");
      text.textContent = title;
      anchor.append(text);
      const entry = element("li");
      entry.append(anchor);
      nested.append(entry);
    }
    item.append(heading, nested);
    return item;
  };

  /* One page: its title and excerpt, and the sections that match best. */
  const result = (page, engine) => {
    const item = element("li", "search-dialog__result");
    item.append(link(page.url, page.meta.title, engine.excerpt(page), "search-dialog__page"));
    const sections = page.sub_results
      .filter((section) => section.anchor && section.anchor.element !== "h1")  // the page itself
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
  };

  const score = (section) => (section.weighted_locations || []).reduce((sum, at) => sum + at.balanced_score, 0);

  const link = (url, title, excerpt, className) => {
    const anchor = element("a", className);
    anchor.href = url;
    const heading = element("span", "search-dialog__title");
    heading.textContent = title;
    const text = element("span", "search-dialog__excerpt");
    text.append(highlighted(excerpt));
    anchor.append(heading, text);
    return anchor;
  };

  /* Pagefind's excerpt as text, keeping only its <mark> elements. */
  const highlighted = (html) => {
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
  };

  const element = (name, className) => {
    const node = document.createElement(name);
    if (className) node.className = className;
    return node;
  };

  /* Keyboard -------------------------------------------------------------- */

  const NOT_TEXT = ["button", "checkbox", "color", "file", "image", "radio", "range", "reset", "submit"];

  const typingIn = (node) => {
    if (!(node instanceof Element)) return false;
    if (node.isContentEditable || node.matches("textarea, select")) return true;
    return node.matches("input") && !NOT_TEXT.includes(node.type);
  };

  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (dialog.open || typingIn(event.target)) return;
    event.preventDefault();
    open();
  });

  dialog.addEventListener("keydown", (event) => {
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

  dialog.addEventListener("click", (event) => {
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
