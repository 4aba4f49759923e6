/* Checklists: remember ticks, count them, untick all, print one checklist.
 *
 * Ticks are kept in localStorage under "checklist:ID" as a list of item ids,
 * so they are the same in every language. Without this script a checklist is
 * a plain list of checkboxes and its tools stay hidden. */
(function () {
  "use strict";

  var PREFIX = "checklist:";
  var sections = document.querySelectorAll("section.checklist[data-checklist]");
  if (!sections.length) return;

  function load(id) {
    try {
      var ticked = JSON.parse(localStorage.getItem(PREFIX + id));
      return Array.isArray(ticked) ? ticked : [];
    } catch (error) {
      return [];  // storage blocked or unreadable: start empty
    }
  }

  function save(id, ticked) {
    try {
      if (ticked.length) localStorage.setItem(PREFIX + id, JSON.stringify(ticked));
      else localStorage.removeItem(PREFIX + id);
    } catch (error) {
      /* storage blocked or full: the ticks last until the page is left */
    }
  }

  function boxes(section) {
    return section.querySelectorAll("input.checklist__box[data-item]");
  }

  function count(section) {
    var all = boxes(section);
    var done = 0;
    for (var i = 0; i < all.length; i++) if (all[i].checked) done++;
    var progress = section.querySelector(".checklist__progress");
    var text = progress.getAttribute("data-template")
      .replace("{done}", done)
      .replace("{total}", all.length);
    if (progress.textContent !== text) progress.textContent = text;
  }

  function restore(section) {
    var ticked = load(section.getAttribute("data-checklist"));
    var all = boxes(section);
    for (var i = 0; i < all.length; i++) {
      all[i].checked = ticked.indexOf(all[i].getAttribute("data-item")) >= 0;
    }
    count(section);
  }

  function store(section) {
    var ticked = [];
    var all = boxes(section);
    for (var i = 0; i < all.length; i++) {
      if (all[i].checked) ticked.push(all[i].getAttribute("data-item"));
    }
    save(section.getAttribute("data-checklist"), ticked);
  }

  function printOnly(section) {
    var root = document.documentElement;
    section.classList.add("checklist--printing");
    root.classList.add("checklist-printing");
    function done() {
      section.classList.remove("checklist--printing");
      root.classList.remove("checklist-printing");
      window.removeEventListener("afterprint", done);
    }
    window.addEventListener("afterprint", done);
    window.print();
  }

  Array.prototype.forEach.call(sections, function (section) {
    restore(section);
    section.addEventListener("change", function (event) {
      if (!event.target.matches("input.checklist__box")) return;
      store(section);
      count(section);
    });
    section.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      if (button.getAttribute("data-action") === "reset") {
        var all = boxes(section);
        for (var i = 0; i < all.length; i++) all[i].checked = false;
        store(section);
        count(section);
      } else if (button.getAttribute("data-action") === "print") {
        printOnly(section);
      }
    });
    section.querySelector(".checklist__tools").hidden = false;
  });

  function restoreAll() {
    Array.prototype.forEach.call(sections, restore);
  }

  // Ticks made in another tab, or before going back to this page, show up here too.
  window.addEventListener("storage", function (event) {
    if (event.key === null || event.key.indexOf(PREFIX) === 0) restoreAll();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) restoreAll();
  });
})();
