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
  const help = JSON.parse(dialog.dataset.searchHelp);  // [url, title] offered when nothing is found
  const bundle = new URL(dialog.dataset.searchBundle, location.href);

  const MIN_LENGTH = 2;  // shorter queries match half the site
  const MAX_PAGES = 20;
  const MAX_LOADED = 60;  // results checked for relevance (see relevant)
  const MAX_SECTIONS = 3;
  const EXCERPT_WORDS = 24;
  const KEEP_SHARE = 0.3;  // with partial matches, pages scoring under this share of the best are left out

  let pagefind = null;   // promise of {module, words}, once asked for
  let ready = false;     // Pagefind and the words have loaded
  let latest = 0;        // number of the latest search; older answers are dropped
  let opener = null;     // where focus goes back when the dialog closes

  function load() {
    if (!pagefind) {
      const lang = document.documentElement.lang || "sv";
      const module = import(new URL("pagefind.js", bundle).href).then(async module => {
        await module.options({ baseUrl: new URL("..", bundle).pathname, excerptLength: 20 });
        await module.init();
        module.preload("a");  // loads the WebAssembly while the reader types
        return module;
      });
      const words = fetch(new URL(`words.${lang}.json`, bundle)).then(response => {
        if (!response.ok) throw new Error(`${response.status} ${response.url}`);
        return response.json();
      }).then(vocabulary);
      pagefind = Promise.all([module, words]).then(([module, words]) => {
        ready = true;
        return { module, words };
      });
      pagefind.catch(() => { pagefind = null; });  // try again next time
    }
    return pagefind;
  }

  /* The page language's words file (hooks/search.py): every indexed word,
   * sorted, with the stop words and inflection endings of the language. */
  function vocabulary(data) {
    const list = data.words.split(" ");
    return { list, known: new Set(list), stop: new Set(data.stop), endings: data.endings, pages: data.pages || 1 };
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

  function message(template, count, query) {
    // A function as replacement: "$&" in a query stays text.
    return template.replace("{count}", () => String(count)).replace("{query}", () => query);
  }

  async function search() {
    const query = input.value.trim();
    const number = ++latest;
    if (query.length < MIN_LENGTH) {
      show(labels.hint, []);
      return;
    }
    try {
      if (!ready) status.textContent = labels.loading;
      const { module, words } = await load();
      await new Promise(resolve => setTimeout(resolve, 120));  // wait until typing pauses
      if (number !== latest) return;
      const groups = understand(query, words);
      const pages = groups.length ? await find(module, groups, words) : [];
      if (number !== latest) return;
      const count = pages.length;
      const text = count === 0 ? labels.none : count === 1 ? labels.one : labels.other;
      const items = count ? pages.slice(0, MAX_PAGES).map(result) : await nearest(module, query, words);
      if (number !== latest) return;
      show(message(text, count, query), items, count === 0);
    } catch (error) {
      if (number === latest) show(labels.failed, []);
    }
  }

  /* Reader's words to index words --------------------------------------------
   * Each meaningful word of the query becomes a group of words to search:
   * itself when the index knows it, else its parts when it is a compound of
   * indexed words ("prisförhandling": pris, förhandling), else the closest
   * indexed word (a misspelling), else nothing. Stop words are left out. */
  function understand(query, words) {
    const all = (query.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) || [])
      .map(word => word.replace(/’/g, "'"));
    const meaningful = all.filter(word => !words.stop.has(word));
    const groups = [];
    for (const word of meaningful.length ? meaningful : all) {
      const group = known(word, words) ? [word]
        : compound(word, words, true) || closest(word, words) || compound(word, words, false);
      if (group && !groups.some(other => other.join(" ") === group.join(" "))) groups.push(group);
    }
    return groups;
  }

  function startsAny(prefix, words) {
    let low = 0, high = words.list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (words.list[middle] < prefix) low = middle + 1; else high = middle;
    }
    return low < words.list.length && words.list[low].startsWith(prefix);
  }

  function known(word, words) {
    if (word.length < 3 || startsAny(word, words)) return true;
    return words.endings.some(ending => word.endsWith(ending) && word.length - ending.length >= 3
      && words.known.has(word.slice(0, -ending.length)));
  }

  /* The best split into parts of two letters or more, a Swedish linking s
   * allowed between them. Strict: every part an indexed word. Else a part may
   * begin an indexed word (half the score) or be unknown (left out), as long
   * as known parts make up half the word and one has four letters or more. */
  function compound(word, words, strict) {
    const best = new Array(word.length + 1).fill(null);
    best[word.length] = { score: 0, parts: [], letters: 0, long: false };
    for (let at = word.length - 2; at >= 0; at--) {
      for (let end = at + 2; end <= word.length; end++) {
        const part = word.slice(at, end);
        const kind = partKind(part, words, strict);
        if (!kind) continue;
        for (const next of [end, word[end] === "s" && end + 1 < word.length ? end + 1 : -1]) {
          if (next < 0 || !best[next]) continue;
          const gain = kind === "whole" ? part.length ** 2 : kind === "start" ? part.length ** 2 / 2 : 0;
          const score = best[next].score + gain;
          if (best[at] && score <= best[at].score) continue;
          const useful = kind !== "unknown";
          best[at] = {
            score,
            parts: useful ? [part, ...best[next].parts] : best[next].parts,
            letters: best[next].letters + (useful ? part.length : 0),
            long: best[next].long || (useful && part.length >= 4),
          };
        }
      }
    }
    const split = best[0];
    if (!split || !split.long || split.letters * 2 < word.length) return null;
    return split.parts.length > 1 || (!strict && split.parts.length === 1) ? split.parts : null;
  }

  function partKind(part, words, strict) {
    const shortest = strict ? 3 : 4;  // "tid" and "mål" only in a split into whole words
    if (part.length >= shortest && words.known.has(part) && !words.stop.has(part)) return "whole";
    if (strict) return null;
    if (part.length >= shortest && !words.stop.has(part) && startsAny(part, words)) return "start";
    return "unknown";
  }

  /* The indexed word nearest in spelling (one edit for up to seven letters,
   * two for longer words; a swap of two letters is one edit). */
  function closest(word, words) {
    if (word.length < 5) return null;
    const allowed = word.length < 8 ? 1 : 2;
    let found = null, distance = allowed + 1;
    for (const candidate of words.list) {
      if (Math.abs(candidate.length - word.length) > allowed || candidate[0] !== word[0]) continue;
      const d = edits(word, candidate, distance);
      if (d < distance || (d === distance && found && candidate.length > found.length)) {
        found = candidate;
        distance = d;
      }
    }
    return found && distance <= allowed ? [found] : null;
  }

  function edits(a, b, limit) {
    let before = null, previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let smallest = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        row.push(value);
        smallest = Math.min(smallest, value);
      }
      if (smallest > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /* Pages for the groups. One word: Pagefind's ranking. Else every group
   * is searched on its own and a page scores by the groups it matches,
   * a group that few pages match counting more, so a question's rare words
   * decide and pages matching all of them come first. */
  async function find(module, groups, words) {
    if (groups.length === 1 && groups[0].length === 1) {
      const found = await groupSearch(module, groups[0]);
      const loaded = await Promise.all(found.slice(0, MAX_LOADED).map(result => result.data()));
      return loaded.filter(page => relevant(page, groups[0]));
    }
    const scores = new Map();
    for (const found of await Promise.all(groups.map(group => groupSearch(module, group)))) {
      if (!found.length) continue;
      const rarity = Math.log(1 + words.pages / found.length);
      const top = Math.max(...found.map(result => result.score)) || 1;
      for (const result of found) {
        const entry = scores.get(result.id) || { result, score: 0 };
        entry.score += rarity * (0.5 + 0.5 * result.score / top);
        scores.set(result.id, entry);
      }
    }
    const ranked = [...scores.values()].sort((a, b) => b.score - a.score);
    const kept = ranked.filter(entry => entry.score >= KEEP_SHARE * ranked[0].score);
    return Promise.all(kept.slice(0, MAX_PAGES).map(entry => entry.result.data()));
  }

  /* A compound's parts together, or each part when no page has them all. */
  async function groupSearch(module, group) {
    const found = (await module.search(group.join(" "))).results;
    if (found.length || group.length === 1) return found;
    const parts = await Promise.all(group.map(part => module.search(part)));
    const seen = new Map();
    for (const result of parts.flatMap(part => part.results)) {
      if (!seen.has(result.id)) seen.set(result.id, result);
    }
    return [...seen.values()].sort((a, b) => b.score - a.score);
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
    return terms.map(fold).every(term => {
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

  /* No page found: the pages nearest the query's words (their beginnings),
   * then the glossary, the checklists and the start page. */
  async function nearest(module, query, words) {
    const stems = (query.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) || [])
      .filter(word => !words.stop.has(word))
      .map(word => word.slice(0, Math.max(3, Math.floor(word.length * 0.6))))
      .filter(stem => startsAny(stem, words));
    const found = await Promise.all(stems.map(stem => module.search(stem)));
    const results = [...new Map(found.flatMap(f => f.results.slice(0, 3)).map(r => [r.id, r])).values()];
    const pages = await Promise.all(results.slice(0, 3).map(r => r.data()));
    const links = pages.map(page => [page.url, page.meta.title]);
    for (const [url, title] of help) {
      if (!links.some(([known]) => known === url)) links.push([url, title]);
    }
    const item = element("li", "search-dialog__help");
    const heading = element("p", "search-dialog__help-title");
    heading.textContent = labels.help;
    const nested = element("ul");
    for (const [url, title] of links) {
      const anchor = element("a", "search-dialog__section");
      anchor.href = url;
      const text = element("span", "search-dialog__title");
      text.textContent = title;
      anchor.append(text);
      const entry = element("li");
      entry.append(anchor);
      nested.append(entry);
    }
    item.append(heading, nested);
    return [item];
  }

  function show(text, items, helping = false) {
    status.textContent = text;
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
    list.setAttribute("aria-label", helping ? labels.help : labels.results);
  }

  /* One page: its title and excerpt, and the sections that match best. */
  function result(page) {
    const item = element("li", "search-dialog__result");
    item.append(link(page.url, page.meta.title, excerpt(page), "search-dialog__page"));
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

  /* The page's excerpt from its text, around the most matched words, never
   * from the search terms before its title (hooks/search_vocabulary.py);
   * the page description when only those matched. */
  function excerpt(page) {
    const skip = Number(page.meta.skip) || 0;
    const words = page.content.split(/[\r\n\s]+/g);
    const hits = (page.locations || []).filter(at => at >= skip).sort((a, b) => a - b);
    if (!hits.length) return escapeHtml(page.meta.description || "");
    let start = hits[0], most = 0;
    for (const first of hits) {
      const count = hits.filter(at => at >= first && at < first + EXCERPT_WORDS).length;
      if (count > most) [start, most] = [first, count];
    }
    start = Math.max(skip, start - 4);
    const marked = new Set(hits);
    const shown = [];
    for (let at = start; at < Math.min(words.length, start + EXCERPT_WORDS); at++) {
      shown.push(marked.has(at) ? `<mark>${escapeHtml(words[at])}</mark>` : escapeHtml(words[at]));
    }
    return shown.join(" ");
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
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
