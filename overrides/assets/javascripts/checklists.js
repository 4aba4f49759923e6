/* Checklists: remember ticks, count them, untick all (with undo), print one checklist.
 *
 * Ticks are kept in localStorage under "checklist:ID" by storage.js: each item
 * id with whether it is ticked and when that was decided, so ticks made in two
 * tabs or two languages merge, the latest per item winning. An older stored
 * list of ticked ids is read and upgraded on the next tick. Without this script
 * a checklist is a plain list of checkboxes and its tools stay hidden. */
(() => {
  "use strict";

  const PREFIX = "checklist:";
  const store = window.siteStorage;
  const sections = document.querySelectorAll("section.checklist[data-checklist]");
  if (!sections.length || !store) return;

  let told = false;  // the reader hears once per page that ticks can't be kept

  // The first format: a list of the ticked item ids.
  const legacy = (data) => {
    if (!Array.isArray(data)) return null;
    const entries = {};
    data.forEach((id) => {
      if (typeof id === "string") entries[id] = { value: true, time: 0 };
    });
    return entries;
  };

  const boxes = (list) => Array.from(list.section.querySelectorAll("input.checklist__box[data-item]"));

  const isTicked = (list, id) => {
    const entry = list.entries[id];
    return Boolean(entry && entry.value === true);
  };

  const count = (list) => {
    const all = boxes(list);
    const done = all.filter((box) => box.checked).length;
    const text = list.progress.getAttribute("data-template")
      .replace("{done}", () => String(done))
      .replace("{total}", () => String(all.length));
    if (list.progress.textContent !== text) list.progress.textContent = text;
    list.reset.disabled = done === 0;
  };

  const show = (list) => {
    boxes(list).forEach((box) => {
      box.checked = isTicked(list, box.getAttribute("data-item"));
    });
    count(list);
  };

  const tellNotSaved = (list) => {
    if (told) return;
    told = true;
    list.notice.hidden = false;
    list.notice.textContent = list.notice.getAttribute("data-text");
  };

  // Record `changes` ({item id: ticked}) and store them merged with other tabs' ticks.
  const change = (list, changes) => {
    const entries = {};
    Object.keys(changes).forEach((id) => {
      entries[id] = { value: changes[id], time: store.stamp() };
    });
    list.entries = store.merge(list.entries, entries);
    const saved = store.save(list.key, entries, legacy);
    if (saved) list.entries = store.merge(list.entries, saved);
    else tellNotSaved(list);
    show(list);
  };

  const reread = (list) => {
    list.entries = store.merge(list.entries, store.read(list.key, legacy) || {});
    show(list);
  };

  const showUndo = (list, ticked) => {
    list.undoTicks = ticked;
    list.undo.hidden = ticked.length === 0;
    if (!list.undo.hidden) list.undo.focus();  // the untick button is disabled now
  };

  const untickAll = (list) => {
    const ticked = boxes(list).filter((box) => box.checked).map((box) => box.getAttribute("data-item"));
    const changes = {};
    ticked.forEach((id) => { changes[id] = false; });
    change(list, changes);
    showUndo(list, ticked);
  };

  const undo = (list) => {
    const changes = {};
    list.undoTicks.forEach((id) => { changes[id] = true; });
    change(list, changes);
    showUndo(list, []);
    list.reset.focus();
  };

  const printOnly = (section) => {
    const root = document.documentElement;
    section.classList.add("checklist--printing");
    root.classList.add("checklist-printing");
    const done = () => {
      section.classList.remove("checklist--printing");
      root.classList.remove("checklist-printing");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  };

  const start = (section) => {
    const id = section.getAttribute("data-checklist");
    const list = {
      section,
      key: PREFIX + id,
      entries: store.read(PREFIX + id, legacy) || {},
      progress: section.querySelector(".checklist__progress"),
      reset: section.querySelector('button[data-action="reset"]'),
      undo: section.querySelector('button[data-action="undo"]'),
      notice: section.querySelector(".checklist__notice"),
      undoTicks: [],
    };
    show(list);
    section.addEventListener("change", (event) => {
      const box = event.target;
      if (!box.matches("input.checklist__box[data-item]")) return;
      showUndo(list, []);
      change(list, { [box.getAttribute("data-item")]: box.checked });
    });
    const actions = { reset: untickAll, undo, print: () => printOnly(section) };
    section.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (button && actions[button.getAttribute("data-action")]) actions[button.getAttribute("data-action")](list);
    });
    section.querySelector(".checklist__tools").hidden = false;
    return list;
  };

  const lists = Array.from(sections, start);

  // Ticks made in another tab, or while this page waited in the back/forward cache.
  store.watch((key) => key.startsWith(PREFIX), () => lists.forEach(reread));
})();
