/*
 * The client brief (brief.md, rendered by overrides/hooks/brief.py).
 * Keeps the answers in this browser (localStorage, through storage.js: per
 * question, merged with other tabs, the latest edit winning), and copies,
 * downloads, mails or prints them. Nothing is sent anywhere. Typed text is
 * only ever set as .value or .textContent, never as HTML.
 */
(() => {
  "use strict";

  const actions = document.querySelector("[data-brief-actions]");
  const store = window.siteStorage;
  const site = window.site;  // copy-link.js
  if (!actions || !store || !site) return;

  const KEY = "brief:answers";         // one brief per browser, shared by both languages
  const MAIL_LIMIT = 1800;             // longer mailto: links get cut off by some mail programs
  const labels = JSON.parse(actions.getAttribute("data-brief-labels"));
  const title = actions.getAttribute("data-brief-title");
  const status = actions.querySelector(".brief__status");
  const mail = actions.querySelector('[data-brief-action="mail"]');

  const questions = Array.from(document.querySelectorAll("[data-brief-question]"), (node) => ({
    id: node.getAttribute("data-brief-question"),
    node,
    field: node.querySelector(".brief__field"),
    answer: node.querySelector(".brief__answer"),
    label: node.querySelector(".brief__label").textContent.trim(),
    section: node.closest("[data-brief-section]").getAttribute("data-brief-title"),
  }));
  const known = new Set(questions.map((q) => q.id));

  const say = (message) => site.say(status, message);
  // Copies `text` and says `done` when it worked, else that copying failed.
  const copy = (text, done) => site.copy(text).then((ok) => say(ok ? done : labels.copy_failed));

  // Keeping the answers ------------------------------------------------------

  let entries = {};   // question id -> {value, time}, merged with what is stored
  let told = false;   // the reader is told once that answers can't be kept

  // The first format: {question id: answer}.
  const legacy = (data) => {
    if (!data || typeof data !== "object" || Array.isArray(data)) return null;
    const result = {};
    Object.keys(data).forEach((id) => {
      if (typeof data[id] === "string") result[id] = { value: data[id], time: 0 };
    });
    return result;
  };

  const answerOf = (id) => {
    const entry = entries[id];
    return entry && typeof entry.value === "string" ? entry.value : "";
  };

  // Said where the reader is: after the field they typed in, or at the top of the form.
  const tellNotSaved = (after) => {
    if (told) return;
    told = true;
    const notice = document.createElement("p");
    notice.className = "brief__notice";
    notice.setAttribute("role", "alert");
    after.after(notice);
    notice.textContent = labels.not_saved;
    const claim = document.querySelector('[data-brief-js="saved"]');
    if (claim) claim.hidden = true;  // "saved in this browser" is no longer true
  };

  const keep = (changes, near) => {
    entries = store.merge(entries, changes);
    const saved = store.save(KEY, changes, legacy);
    if (saved) entries = store.merge(entries, saved);
    else tellNotSaved(near);
    showAll();
  };

  // What prints under the question: the answer, or ruled lines when empty.
  const show = (q) => {
    q.answer.textContent = q.field.value.trim();
    q.node.classList.toggle("brief__question--answered", q.field.value.trim() !== "");
  };

  const showAll = () => {
    questions.forEach((q) => {
      const value = answerOf(q.id);
      if (q.field.value !== value) q.field.value = value;
      show(q);
    });
    showOrphans();
    updateMail();
  };

  // Answers to questions the brief no longer has --------------------------------

  const orphans = document.createElement("div");
  orphans.className = "brief__orphans";
  orphans.hidden = true;

  const orphanIds = () => Object.keys(entries).filter((id) => !known.has(id) && answerOf(id).trim() !== "").sort();

  const orphanLabel = (id) => labels.orphan_label.replace("{id}", () => id);

  const orphan = (id, index) => {
    const box = document.createElement("div");
    box.className = "brief__orphan";
    const label = document.createElement("label");
    label.htmlFor = `brief-orphan-${index}`;
    label.id = `${label.htmlFor}-label`;
    label.textContent = orphanLabel(id);
    const field = document.createElement("textarea");
    field.className = "brief__field";
    field.id = label.htmlFor;
    field.readOnly = true;
    field.rows = Math.min(8, answerOf(id).split("\n").length + 1);
    field.value = answerOf(id);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = labels.orphan_copy;
    button.setAttribute("aria-describedby", label.id);
    button.addEventListener("click", () => {
      copy(answerOf(id), labels.orphan_copied);
    });
    box.append(label, field, button);
    return box;
  };

  const showOrphans = () => {
    const ids = orphanIds();
    const shown = Array.from(orphans.querySelectorAll("textarea"), (field) => field.value);
    if (ids.length === shown.length && ids.every((id, i) => answerOf(id) === shown[i])) return;
    const heading = document.createElement("p");
    heading.className = "brief__orphans-title";
    heading.textContent = labels.orphans_title;
    const text = document.createElement("p");
    text.textContent = labels.orphans_text;
    orphans.replaceChildren(heading, text, ...ids.map(orphan));
    orphans.hidden = ids.length === 0;
  };

  // The brief as text --------------------------------------------------------

  const sections = (answeredOnly) => {
    const result = [];
    questions.forEach((q) => {
      const value = q.field.value.trim();
      if (answeredOnly && !value) return;
      let last = result[result.length - 1];
      if (!last || last.title !== q.section) {
        last = { title: q.section, items: [] };
        result.push(last);
      }
      last.items.push({ label: q.label, value });
    });
    const kept = orphanIds().map((id) => ({ label: orphanLabel(id), value: answerOf(id).trim() }));
    if (kept.length) result.push({ title: labels.orphans_title, items: kept });
    return result;
  };

  // An answer as a fenced block: Markdown shows it exactly as typed, line by line.
  const fenced = (text) => {
    const longest = Math.max(2, ...(text.match(/`+/g) || []).map((run) => run.length));
    const fence = "`".repeat(longest + 1);
    return `${fence}text\n${text}\n${fence}`;
  };

  const asMarkdown = () => {
    const lines = [`# ${title}`, ""];
    sections(false).forEach((section) => {
      lines.push(`## ${section.title}`, "");
      section.items.forEach((item) => {
        lines.push(`### ${item.label}`, "");
        if (item.value) lines.push(fenced(item.value), "");
      });
    });
    return `${lines.join("\n").trim()}\n`;
  };

  const underline = (text, character) => `${text}\n${character.repeat(text.length)}`;

  // An answer indented under its question, so that no line of it can pass for a question.
  const indented = (text) => text.split("\n").map((line) => (line.trim() ? `    ${line}` : "")).join("\n");

  const asText = (answeredOnly) => {
    const lines = [underline(title, "="), ""];
    sections(answeredOnly).forEach((section) => {
      lines.push(underline(section.title, "-"), "");
      section.items.forEach((item) => {
        lines.push(item.label, indented(item.value || "–"), "");
      });
    });
    return `${lines.join("\n").trim()}\n`;
  };

  // The freelancer who sent a personal link (share.js), if any: mail goes to them,
  // and downloads are named after the client, the freelancer and the date.
  const share = window.shareLink || { name: "", email: "" };

  const slug = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");

  const fileName = (kind) => {
    const client = questions.find((q) => q.id === "organisation");
    const today = new Date();
    const date = [today.getFullYear(), today.getMonth() + 1, today.getDate()]
      .map((n) => String(n).padStart(2, "0")).join("-");
    const parts = ["brief", client ? slug(client.field.value) : ""];
    if (share.name) parts.push(labels.file_to, slug(share.name));
    parts.push(date);
    return parts.filter(Boolean).join("-") + (kind === "markdown" ? ".md" : ".txt");
  };

  const mailLink = (body) => {
    const link = `mailto:${share.email || ""}?subject=${encodeURIComponent(title)}`;
    return body ? `${link}&body=${encodeURIComponent(body.replace(/\n/g, "\r\n"))}` : link;
  };

  const updateMail = () => {
    const full = mailLink(asText(true));
    mail.setAttribute("href", full.length <= MAIL_LIMIT ? full : mailLink(""));
    mail.toggleAttribute("data-too-long", full.length > MAIL_LIMIT);
  };

  // Actions ------------------------------------------------------------------

  const download = (text, name, type) => {
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
    say(labels.downloaded);
  };

  const clear = () => {
    if (!window.confirm(labels.confirm_clear)) return;
    const changes = {};
    [...Object.keys(entries), ...known].forEach((id) => {
      changes[id] = { value: "", time: store.stamp() };
    });
    keep(changes, actions);
    say(labels.cleared);
  };

  const handlers = {
    copy: () => copy(asText(false), labels.copied),
    markdown: () => download(asMarkdown(), fileName("markdown"), "text/markdown"),
    text: () => download(asText(false), fileName("text"), "text/plain"),
    mail: () => {
      // The link opens the mail program by itself; a brief too long for it is copied first.
      if (mail.hasAttribute("data-too-long")) {
        copy(asText(true), labels.mail_copied);
      }
    },
    print: () => window.print(),
    clear,
  };

  // Start --------------------------------------------------------------------

  const intro = document.querySelector(".brief__intro") || actions;
  intro.after(orphans);
  const stored = store.read(KEY, legacy);
  entries = stored || {};
  if (stored === null) tellNotSaved(intro);
  showAll();
  questions.forEach((q) => {
    q.field.addEventListener("input", () => {
      keep({ [q.id]: { value: q.field.value, time: store.stamp() } }, q.field);
    });
  });
  // Answers typed in another tab, or while this page waited in the back/forward cache.
  store.watch((key) => key === KEY, () => {
    entries = store.merge(entries, store.read(KEY, legacy) || {});
    showAll();
  });

  actions.querySelectorAll("[data-brief-action]").forEach((control) => {
    control.addEventListener("click", () => handlers[control.getAttribute("data-brief-action")]());
  });
  document.querySelectorAll("[data-brief-js]").forEach((node) => {
    node.hidden = told && node.getAttribute("data-brief-js") === "saved";
  });
  actions.querySelector(".brief__buttons").hidden = false;
})();

/*
 * The optional questions (brief.py marks their headings .brief__optional and
 * their sections data-brief-optional): hidden on
 * screen behind one button until asked for, or when an answer or a link needs
 * them. Hiding never touches the fields, so nothing typed is lost; paper and
 * pages without JavaScript show every question.
 */
(() => {
  "use strict";

  const more = document.querySelector("[data-brief-more]");
  const actions = document.querySelector("[data-brief-actions]");
  if (!more || !actions) return;
  const article = more.closest("article") || document.body;
  const button = more.querySelector("[data-brief-toggle]");
  const labels = JSON.parse(actions.getAttribute("data-brief-labels"));

  const open = (shown) => {
    article.classList.toggle("brief--collapsed", !shown);
    button.setAttribute("aria-expanded", String(shown));
    button.textContent = shown ? labels.show_less : button.getAttribute("data-brief-show");
  };

  const target = () => {
    try {
      return document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    } catch {
      return null;
    }
  };

  const needed = () => {
    const linked = target();
    if (linked && linked.closest(".brief__optional, [data-brief-optional]")) return true;
    return [...document.querySelectorAll("[data-brief-optional] .brief__field")].some((field) => field.value.trim() !== "");
  };

  button.addEventListener("click", () => open(article.classList.contains("brief--collapsed")));
  window.addEventListener("hashchange", () => {
    if (!needed()) return;
    open(true);
    const linked = target();
    if (linked) linked.scrollIntoView();  // it was hidden when the browser tried
  });
  open(needed());
  more.hidden = false;
})();
