/* The search's understanding of a query, loaded by search.js on first use
 * with the words file of the page's language (hooks/search.py writes it):
 * stop words left out, compounds split, misspellings corrected, pages ranked
 * by the words they match, excerpts taken from the page's prose. An ES
 * module (strict by itself), imported by search.js. */

const MAX_PAGES = 20;
const MAX_LOADED = 60;  // results checked for relevance (see relevant)
const EXCERPT_WORDS = 24;
const KEEP_SHARE = 0.3;  // with partial matches, pages under this share of the best score are left out
const FEW = 3;  // fewer pages than this: indexed compounds are searched by their parts too

/* The page language's words file (hooks/search.py): every indexed word,
 * sorted, with the stop words and inflection endings of the language. */
export const vocabulary = (data) => {
  const list = data.words.split(" ");
  return { list, known: new Set(list), stop: new Set(data.stop), endings: data.endings, pages: data.pages || 1 };
};


/* Reader's words to index words --------------------------------------------
 * Each meaningful word of the query becomes words to search: itself when the
 * index knows it, else its parts when it is a compound of indexed words
 * ("prisförhandling": pris, förhandling), else the closest indexed word (a
 * misspelling), else nothing. Stop words are left out. */
const understand = (query, words) => {
  const all = (query.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) || [])
    .map((word) => word.replace(/’/g, "'"));
  const meaningful = all.filter((word) => !words.stop.has(word));
  const terms = [];
  for (const word of meaningful.length ? meaningful : all) {
    const found = known(word, words) ? [word]
      : compound(word, words, true) || closest(word, words) || compound(word, words, false) || [];
    terms.push(...found.filter((term) => !terms.includes(term)));
  }
  return terms;
};

const startsAny = (prefix, words) => {
  let low = 0, high = words.list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (words.list[middle] < prefix) low = middle + 1; else high = middle;
  }
  return low < words.list.length && words.list[low].startsWith(prefix);
};

const known = (word, words) => {
  if (word.length < 3 || startsAny(word, words)) return true;
  return words.endings.some((ending) => word.endsWith(ending) && word.length - ending.length >= 3
    && words.known.has(word.slice(0, -ending.length)));
};

/* The best split into parts of two letters or more, a Swedish linking s
 * allowed between them. Strict: every part an indexed word. Else a part may
 * begin an indexed word (half the score) or be unknown (left out), as long
 * as known parts make up half the word and one has four letters or more. */
const compound = (word, words, strict) => {
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
};

const partKind = (part, words, strict) => {
  const shortest = strict ? 3 : 4;  // "tid" and "mål" only in a split into whole words
  if (part.length >= shortest && words.known.has(part) && !words.stop.has(part)) return "whole";
  if (strict) return null;
  if (part.length >= shortest && !words.stop.has(part) && startsAny(part, words)) return "start";
  return "unknown";
};

/* The indexed word nearest in spelling (one edit for five letters, two for
 * longer words; a swap of two letters is one edit), beginning with the same
 * letter. */
const closest = (word, words) => {
  if (word.length < 5) return null;
  const allowed = word.length < 6 ? 1 : 2;
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
};

const edits = (a, b, limit) => {
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
};

/* Pages for the terms. One term: Pagefind's ranking. Else every term is
 * searched on its own and a page scores by the terms it matches, a term few
 * pages match counting more, so a question's rare words decide and pages
 * matching all of them come first. */
const find = async (pagefind, terms, words) => {
  if (terms.length === 1) {
    const found = (await pagefind.search(terms[0])).results;
    const loaded = await Promise.all(found.slice(0, MAX_LOADED).map((result) => result.data()));
    return loaded.filter((page) => relevant(page, terms));
  }
  const scores = new Map();
  for (const found of await Promise.all(terms.map((term) => pagefind.search(term)))) {
    if (!found.results.length) continue;
    const rarity = Math.log(1 + words.pages / found.results.length);
    const top = Math.max(...found.results.map((result) => result.score)) || 1;
    for (const result of found.results) {
      const entry = scores.get(result.id) || { result, score: 0 };
      entry.score += rarity * (0.2 + 0.8 * result.score / top);
      scores.set(result.id, entry);
    }
  }
  const ranked = [...scores.values()].sort((a, b) => b.score - a.score);
  const kept = ranked.filter((entry) => entry.score >= KEEP_SHARE * ranked[0].score);
  return Promise.all(kept.slice(0, MAX_PAGES).map((entry) => entry.result.data()));
};

/* Few pages found: a long query word the index holds as a rare compound
 * ("gratisarbete") is searched by its parts as well; new pages go last. */
const widen = async (pagefind, terms, words, pages) => {
  const wider = terms.flatMap((term) => term.length >= 7
    ? compound(term, words, true) || compound(term, words, false) || [term] : [term]);
  if (wider.length === terms.length) return;
  const seen = new Set(pages.map((page) => page.url));
  for (const page of await find(pagefind, [...new Set(wider)], words)) {
    if (!seen.has(page.url)) pages.push(page);
  }
};

/* When no indexed word starts with a query word, Pagefind falls back to the
 * longest indexed word the query word starts with: "semester" finds "se",
 * "förhandling" on an English page finds "for". A page is kept only if each
 * query word shares a good part of its beginning with a word matched there. */
const relevant = (page, terms) => {
  const words = page.content.split(/[\r\n\s]+/g);
  const matched = new Set();
  for (const at of page.locations || []) {
    const word = fold(words[at] || "");
    matched.add(word);
    for (const part of word.split("-")) matched.add(part);
  }
  if (matched.size === 0) return true;
  return terms.map(fold).every((term) => {
    const needed = Math.min(term.length, Math.max(3, Math.ceil(term.length * 0.4)));
    return [...matched].some((word) => sharedStart(word, term) >= needed);
  });
};

const fold = (word) => word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");

const sharedStart = (a, b) => {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
};

/* No page found: the pages nearest the beginnings of the query's words,
 * as [url, title], at most three. */
export const nearest = async (pagefind, query, words) => {
  const stems = (query.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) || [])
    .filter((word) => !words.stop.has(word))
    .map((word) => word.slice(0, Math.max(3, Math.floor(word.length * 0.6))))
    .filter((stem) => startsAny(stem, words));
  const found = await Promise.all(stems.map((stem) => pagefind.search(stem)));
  const results = [...new Map(found.flatMap((f) => f.results.slice(0, 3)).map((r) => [r.id, r])).values()];
  const pages = await Promise.all(results.slice(0, 3).map((r) => r.data()));
  return pages.map((page) => [page.url, page.meta.title]);
};

/* Pages for a query: [] when none of its words is known. */
export const pagesFor = async (pagefind, query, words) => {
  const terms = understand(query, words);
  const pages = terms.length ? await find(pagefind, terms, words) : [];
  if (pages.length < FEW) await widen(pagefind, terms, words, pages);
  return pages;
};

/* The page's excerpt from its text, around the most matched words, never
 * from the search terms before its title (hooks/search_vocabulary.py);
 * the page description when only those matched. */
export const excerpt = (page) => {
  const skip = Number(page.meta.skip) || 0;
  const words = page.content.split(/[\r\n\s]+/g);
  const hits = (page.locations || []).filter((at) => at >= skip).sort((a, b) => a - b);
  if (!hits.length) return escapeHtml(page.meta.description || "");
  let start = hits[0], most = 0;
  for (const first of hits) {
    const count = hits.filter((at) => at >= first && at < first + EXCERPT_WORDS).length;
    if (count > most) [start, most] = [first, count];
  }
  start = Math.max(skip, start - 4);
  const marked = new Set(hits);
  const shown = [];
  for (let at = start; at < Math.min(words.length, start + EXCERPT_WORDS); at++) {
    shown.push(marked.has(at) ? `<mark>${escapeHtml(words[at])}</mark>` : escapeHtml(words[at]));
  }
  return shown.join(" ");
};

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
