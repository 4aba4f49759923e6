/*
 * The practice page: rounds of five exercises built from the worksheet on
 * the page (hooks/dialogues.py writes it from the dialogues; nothing is
 * copied here). Progress stays in localStorage under "practice", by
 * dialogue id, so it is shared by both languages; it is never sent anywhere.
 * Entries (storage.js format): "result:<id>": "right"|"wrong"|"weak",
 * "round": {ids: [...], answers: {id: kind}, at: n, order: {id: [kinds]}}
 * Without JavaScript the worksheet shows every exercise with its answer.
 */
(() => {
  "use strict";

  const root = document.querySelector("[data-practice]");
  const site = window.site;  // copy-link.js
  if (!root || !site) return;
  const app = root.querySelector(".practice__app");
  const labels = JSON.parse(root.dataset.labels);
  const KEY = "practice";
  const ROUND = 5;
  const LETTERS = "ABCDEFGH";

  const format = (text, values) => text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));

  const exercises = Array.from(root.querySelectorAll(".practice__exercise"), (section) => ({
    id: section.dataset.id,
    topic: section.dataset.topic,
    section,
    replies: Array.from(section.querySelectorAll(".practice__reply"), (item) => ({
      kind: item.dataset.kind,
      text: item.querySelector(".practice__text").textContent,
    })),
  }));
  const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));

  // Storage (storage.js): one record, "practice", with an entry per answered
  // dialogue ("result:<id>") and one for the round in progress ("round"),
  // merged with what other tabs stored, the latest edit winning. Any failure
  // (private mode, quota, blocked) leaves the page working, with a note.

  const store = window.siteStorage || null;
  let saved = true;
  const state = { results: {}, round: null };
  const validRound = (round) => Boolean(round) && Array.isArray(round.ids) && round.ids.length > 0
    && round.ids.every((id) => byId.has(id)) && Number.isInteger(round.at)
    && Boolean(round.answers) && typeof round.answers === "object";

  const use = (entries) => {
    state.results = {};
    Object.keys(entries).forEach((key) => {
      const value = entries[key].value;
      if (key.startsWith("result:") && typeof value === "string") state.results[key.slice(7)] = value;
    });
    const round = entries.round && entries.round.value;
    state.round = validRound(round) ? round : null;
  };
  const load = () => {
    const entries = store ? store.read(KEY) : null;
    if (entries === null) saved = false;
    use(entries || {});
  };
  load();

  // Store the round and the results of `ids` (null: forgotten).
  const save = (ids = []) => {
    if (!store) return;
    const time = store.stamp();
    const changes = { round: { value: state.round, time } };
    ids.forEach((id) => { changes[`result:${id}`] = { value: state.results[id] || null, time }; });
    if (store.save(KEY, changes) === null) saved = false;
  };

  // Small DOM helpers: text always goes in as text.

  const make = (tag, props = {}, children = []) => {
    const element = document.createElement(tag);
    Object.entries(props).forEach(([key, value]) => {
      if (key === "text") element.textContent = value;
      else if (key === "class") element.className = value;
      else element.setAttribute(key, value);
    });
    children.forEach((child) => child && element.appendChild(child));
    return element;
  };
  const button = (text, action, primary) => make("button", {
    type: "button", class: `md-button${primary ? " md-button--primary" : ""} practice__button`, "data-action": action, text,
  });
  const live = site.liveRegion("practice__live");
  const announce = (message) => site.say(live, message);
  const holder = make("div");
  const show = (view, focus) => {
    holder.replaceChildren(view);
    if (!saved) holder.appendChild(make("p", { class: "practice__note", text: labels.not_saved }));
    const target = focus && view.querySelector("[data-focus]");
    if (target) target.focus();
  };
  const shuffle = (items) => {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };

  // Picking a round: one exercise per topic where possible, missed and new ones first.

  const pick = () => {
    const rank = (exercise) => ({ wrong: 0, weak: 0, undefined: 1 }[state.results[exercise.id]] ?? 2);
    const pool = shuffle(exercises.slice()).sort((a, b) => rank(a) - rank(b));
    const chosen = [];
    const topics = new Set();
    pool.forEach((exercise) => {
      if (chosen.length < ROUND && !topics.has(exercise.topic)) {
        chosen.push(exercise);
        topics.add(exercise.topic);
      }
    });
    pool.forEach((exercise) => {
      if (chosen.length < ROUND && !chosen.includes(exercise)) chosen.push(exercise);
    });
    return chosen.map((exercise) => exercise.id);
  };

  const startRound = (ids) => {
    state.round = { ids, answers: {}, at: 0, order: {} };
    save();
    showCard(true);
  };

  // The start view ------------------------------------------------------------

  const progressText = () => format(labels.progress, {
    done: exercises.filter((exercise) => state.results[exercise.id] === "right").length,
    total: exercises.length,
  });

  const showStart = (focus) => {
    const view = make("section", { class: "practice__start", "aria-label": labels.start }, [
      make("p", { class: "practice__progress", text: progressText() }),
      make("p", { class: "practice__local", text: labels.local }),
    ]);
    const tools = make("p", { class: "practice__tools" }, [button(labels.start, "start", true)]);
    tools.firstChild.setAttribute("data-focus", "");
    if (Object.keys(state.results).length) tools.appendChild(button(labels.reset, "reset"));
    view.appendChild(tools);
    show(view, focus);
  };

  // One exercise ----------------------------------------------------------------

  const letterOf = (order, kind) => LETTERS[order.indexOf(kind)];

  const replyOrder = (exercise) => {
    const round = state.round;
    round.order = round.order || {};
    const known = round.order[exercise.id];
    const kinds = exercise.replies.map((reply) => reply.kind);
    if (!Array.isArray(known) || known.length !== kinds.length || !kinds.every((kind) => known.includes(kind))) {
      round.order[exercise.id] = shuffle(kinds);
      save();
    }
    return round.order[exercise.id];
  };

  const choices = (exercise, order, name) => {
    const fieldset = make("fieldset", { class: "practice__choices" }, [make("legend", { text: labels.question })]);
    order.forEach((kind, index) => {
      const reply = exercise.replies.find((item) => item.kind === kind);
      const id = `${name}-${index}`;
      const input = make("input", { type: "radio", name, id, value: kind });
      const label = make("label", { for: id }, [
        make("span", { class: "practice__letter", text: LETTERS[index] }),
        make("span", { class: "practice__text", text: reply.text }),
      ]);
      fieldset.appendChild(make("div", { class: "practice__choice", "data-kind": kind }, [input, label]));
    });
    return fieldset;
  };

  const verdictOf = (kind, order) => format(labels[`verdict_${kind}`], { letter: letterOf(order, "right") });

  const feedback = (exercise, order, chosen) => {
    const box = make("div", { class: `practice__feedback practice__feedback--${chosen}` }, [
      make("p", { class: "practice__verdict", text: verdictOf(chosen, order) }),
    ]);
    const answer = exercise.section.querySelector(".practice__answer");
    Array.from(answer.querySelectorAll("p[data-kind]")).forEach((paragraph) => {
      const copy = paragraph.cloneNode(true);
      if (copy.dataset.kind === "weak") {
        copy.querySelector("strong").textContent = `${labels.kind_weak} (${letterOf(order, "weak")}):`;
      }
      box.appendChild(copy);
    });
    const more = answer.querySelector(".practice__more");
    if (more) box.appendChild(make("p", {}, [more.cloneNode(true)]));
    return box;
  };

  const markChoices = (fieldset, chosen) => {
    fieldset.querySelectorAll(".practice__choice").forEach((choice) => {
      const kind = choice.dataset.kind;
      const input = choice.querySelector("input");
      input.disabled = true;
      input.checked = kind === chosen;
      const note = kind === chosen ? `${labels[`kind_${kind}`]}, ${labels.your_choice}` : labels[`kind_${kind}`];
      choice.querySelector("label").appendChild(make("span", { class: "practice__kind", text: note }));
      choice.classList.add(`practice__choice--${kind}`);
    });
  };

  const showCard = (focus) => {
    const round = state.round;
    const id = round.ids[round.at];
    const exercise = byId.get(id);
    const order = replyOrder(exercise);
    const name = `practice-${id}`;
    const title = format(labels.position, { n: round.at + 1, total: round.ids.length });
    const view = make("section", { class: "practice__card", "aria-labelledby": "practice-card-title", "data-id": id }, [
      make("h2", { id: "practice-card-title", tabindex: "-1", "data-focus": "", text: title }),
    ]);
    exercise.section.querySelectorAll(".practice__topic, .practice__context, .practice__prompt")
      .forEach((part) => view.appendChild(part.cloneNode(true)));
    const fieldset = choices(exercise, order, name);
    view.appendChild(fieldset);
    const check = button(labels.check, "check", true);
    const last = round.at + 1 >= round.ids.length;
    const next = button(last ? labels.finish : labels.next, "next", true);
    const answered = round.answers[id];
    if (answered) {
      markChoices(fieldset, answered);
      view.append(feedback(exercise, order, answered), make("p", { class: "practice__tools" }, [next]));
    } else {
      view.append(make("p", { class: "practice__tools" }, [check]));
    }
    show(view, focus);
  };

  const answer = () => {
    const round = state.round;
    const id = round.ids[round.at];
    const chosen = app.querySelector(".practice__choices input:checked");
    if (!chosen) {
      announce(labels.choose_first);
      app.querySelector(".practice__choices input").focus();
      return;
    }
    round.answers[id] = chosen.value;
    state.results[id] = chosen.value;
    save([id]);
    showCard(false);
    announce(verdictOf(chosen.value, round.order[id]));
    app.querySelector("[data-action='next']").focus();
  };

  // The end of a round ------------------------------------------------------------

  const showResult = (focus) => {
    const round = state.round;
    const missed = round.ids.filter((id) => round.answers[id] !== "right");
    const right = round.ids.length - missed.length;
    const view = make("section", { class: "practice__result", "aria-labelledby": "practice-result-title" }, [
      make("h2", {
        id: "practice-result-title", tabindex: "-1", "data-focus": "",
        text: format(labels.score, { right, total: round.ids.length }),
      }),
    ]);
    if (missed.length) {
      view.appendChild(make("p", { text: labels.missed }));
      const list = make("ul", { class: "practice__missed" });
      missed.forEach((id) => {
        const section = byId.get(id).section;
        const context = section.querySelector(".practice__context") || section.querySelector(".practice__topic");
        const more = section.querySelector(".practice__more");
        list.appendChild(make("li", {}, [
          make("span", { text: `${context.textContent} ` }),
          more ? more.cloneNode(true) : null,
        ]));
      });
      view.appendChild(list);
    } else {
      view.appendChild(make("p", { text: labels.all_right }));
    }
    view.appendChild(make("p", { class: "practice__progress", text: progressText() }));
    const tools = make("p", { class: "practice__tools" });
    if (missed.length) tools.appendChild(button(format(labels.again, { n: missed.length }), "again", true));
    tools.appendChild(button(labels.new_round, "new", !missed.length));
    view.appendChild(tools);
    show(view, focus);
  };

  const next = () => {
    state.round.at += 1;
    save();
    if (state.round.at >= state.round.ids.length) showResult(true);
    else showCard(true);
  };

  // Wiring ----------------------------------------------------------------------

  const actions = {
    start: () => startRound(pick()),
    new: () => startRound(pick()),
    again: () => startRound(shuffle(state.round.ids.filter((id) => state.round.answers[id] !== "right"))),
    check: answer,
    next,
    reset: () => {
      const forgotten = Object.keys(state.results);
      state.results = {};
      state.round = null;
      save(forgotten);
      showStart(true);
      announce(labels.reset_done);
    },
    sheet: (control) => {
      const open = root.classList.toggle("practice--sheet-open");
      control.setAttribute("aria-expanded", String(open));
      control.textContent = open ? labels.hide_all : labels.show_all;
    },
  };

  app.addEventListener("click", (event) => {
    const control = event.target.closest("button[data-action]");
    if (control && actions[control.dataset.action]) actions[control.dataset.action](control);
  });
  app.addEventListener("keydown", (event) => {
    // Enter in the group of replies answers, as in a form.
    if (event.key === "Enter" && event.target.matches(".practice__choices input")) {
      event.preventDefault();
      answer();
    }
  });

  const sheetToggle = button(labels.show_all, "sheet");
  sheetToggle.setAttribute("aria-expanded", "false");
  sheetToggle.addEventListener("click", () => actions.sheet(sheetToggle));
  sheetToggle.removeAttribute("data-action");
  root.insertBefore(make("p", { class: "practice__sheet-toggle" }, [sheetToggle]), app.nextSibling);

  app.append(holder, live);  // the live region stays put while the views change
  root.classList.add("practice--js");
  app.hidden = false;
  const showCurrent = () => {
    if (!state.round) showStart(false);
    else if (state.round.at >= state.round.ids.length) showResult(false);
    else showCard(false);
  };
  showCurrent();
  if (store) {
    // Another tab, or this page back from the back/forward cache: show what is stored now.
    store.watch((key) => key === KEY, () => {
      load();
      showCurrent();
    });
  }
})();
