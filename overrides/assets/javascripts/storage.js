/*
 * What the brief and the checklists keep in this browser (localStorage),
 * merged rather than overwritten, so that two tabs, two languages or a page
 * brought back by the Back button never undo each other's edits.
 *
 * A record is one localStorage key holding
 *   {"version": 2, "entries": {"<id>": {"value": …, "time": <ms>}, …}}
 * Every change is stored per entry with the time it was made; saving reads
 * the stored record first and keeps, entry by entry, the latest edit. An
 * emptied answer or an unticked box stays as an entry (with its time), so
 * that a stale copy elsewhere cannot bring it back. Entries whose id the page
 * no longer has are kept as they are.
 */
window.siteStorage = (() => {
  "use strict";

  const VERSION = 2;
  let lastTime = 0;

  // A time for a new edit: the clock, but always later than this page's last edit.
  const stamp = () => {
    lastTime = Math.max(Date.now(), lastTime + 1);
    return lastTime;
  };

  const isEntry = (entry) => entry !== null && typeof entry === "object" && typeof entry.time === "number" && "value" in entry;

  // The entries of a stored text; an older format is handed to `legacy`.
  const parse = (text, legacy) => {
    if (text === null) return {};
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return {};  // unreadable: nothing to keep
    }
    if (data && data.version === VERSION && data.entries && typeof data.entries === "object") {
      const entries = {};
      Object.keys(data.entries).forEach((id) => {
        if (isEntry(data.entries[id])) entries[id] = data.entries[id];
      });
      return entries;
    }
    return legacy ? legacy(data) || {} : {};
  };

  // Entry by entry, the later edit wins; on a tie, `a` is kept.
  const merge = (a, b) => {
    const result = { ...a };
    Object.keys(b).forEach((id) => {
      if (!result[id] || b[id].time > result[id].time) result[id] = b[id];
    });
    return result;
  };

  // The stored entries, or null when the browser does not let the page read them.
  const read = (key, legacy) => {
    try {
      return parse(window.localStorage.getItem(key), legacy);
    } catch {
      return null;
    }
  };

  // Merge `entries` into what is stored and store the result.
  // Returns the merged entries, or null when they could not be stored.
  const save = (key, entries, legacy) => {
    const stored = read(key, legacy);
    if (stored === null) return null;
    const merged = merge(stored, entries);
    try {
      window.localStorage.setItem(key, JSON.stringify({ version: VERSION, entries: merged }));
    } catch {
      return null;  // blocked or full
    }
    return merged;
  };

  // Call `reread` when another tab changed a key `matches` accepts, and when
  // this page comes back from the back/forward cache.
  const watch = (matches, reread) => {
    window.addEventListener("storage", (event) => {
      if (event.key === null || matches(event.key)) reread();
    });
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) reread();
    });
  };

  return { stamp, merge, read, save, watch };
})();
