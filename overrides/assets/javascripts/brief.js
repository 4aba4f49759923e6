/*
 * The client brief (brief.md, rendered by overrides/hooks/brief.py).
 * Keeps the answers in this browser (localStorage), and copies, downloads,
 * mails or prints them. Nothing is sent anywhere. Typed text is only ever
 * set as .value or .textContent, never as HTML.
 */
(function () {
  "use strict";

  var actions = document.querySelector("[data-brief-actions]");
  if (!actions) return;

  var KEY = "brief:answers";           // one brief per browser, shared by both languages
  var MAIL_LIMIT = 1800;               // longer mailto: links get cut off by some mail programs
  var labels = JSON.parse(actions.getAttribute("data-brief-labels"));
  var title = actions.getAttribute("data-brief-title");
  var status = actions.querySelector(".brief__status");
  var mail = actions.querySelector('[data-brief-action="mail"]');

  var questions = Array.prototype.map.call(
    document.querySelectorAll("[data-brief-question]"),
    function (node) {
      return {
        id: node.getAttribute("data-brief-question"),
        node: node,
        field: node.querySelector(".brief__field"),
        answer: node.querySelector(".brief__answer"),
        label: node.querySelector(".brief__label").textContent.trim(),
        section: node.closest("[data-brief-section]").getAttribute("data-brief-title")
      };
    }
  );

  function say(message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  // Keeping the answers ------------------------------------------------------

  var warned = false;

  function stored() {
    try {
      return JSON.parse(window.localStorage.getItem(KEY)) || {};
    } catch (error) {
      return {};
    }
  }

  function save() {
    var answers = {};
    var any = false;
    questions.forEach(function (q) {
      if (q.field.value.trim()) {
        answers[q.id] = q.field.value;
        any = true;
      }
    });
    try {
      if (any) window.localStorage.setItem(KEY, JSON.stringify(answers));
      else window.localStorage.removeItem(KEY);
    } catch (error) {
      if (!warned) say(labels.not_saved);
      warned = true;
    }
  }

  // What prints under the question: the answer, or ruled lines when empty.
  function show(q) {
    q.answer.textContent = q.field.value.trim();
    q.node.classList.toggle("brief__question--answered", q.field.value.trim() !== "");
  }

  // The brief as text --------------------------------------------------------

  function sections(answeredOnly) {
    var result = [];
    questions.forEach(function (q) {
      var value = q.field.value.trim();
      if (answeredOnly && !value) return;
      var last = result[result.length - 1];
      if (!last || last.title !== q.section) {
        last = { title: q.section, items: [] };
        result.push(last);
      }
      last.items.push({ label: q.label, value: value });
    });
    return result;
  }

  function asMarkdown() {
    var lines = ["# " + title, ""];
    sections(false).forEach(function (section) {
      lines.push("## " + section.title, "");
      section.items.forEach(function (item) {
        lines.push("### " + item.label, "");
        if (item.value) lines.push(item.value, "");
      });
    });
    return lines.join("\n").trim() + "\n";
  }

  function underline(text, character) {
    return text + "\n" + new Array(text.length + 1).join(character);
  }

  function asText(answeredOnly) {
    var lines = [underline(title, "="), ""];
    sections(answeredOnly).forEach(function (section) {
      lines.push(underline(section.title, "-"), "");
      section.items.forEach(function (item) {
        lines.push(item.label, item.value || "–", "");
      });
    });
    return lines.join("\n").trim() + "\n";
  }

  // The freelancer who sent a personal link (share.js), if any: mail goes to them,
  // and downloads are named after the client, the freelancer and the date.
  const share = window.shareLink || { name: "", email: "" };

  const slug = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");

  function fileName(extension) {
    const client = questions.find((q) => q.id === "organisation");
    const today = new Date();
    const date = [today.getFullYear(), today.getMonth() + 1, today.getDate()]
      .map((n) => String(n).padStart(2, "0")).join("-");
    const parts = ["brief", client ? slug(client.field.value) : ""];
    if (share.name) parts.push(labels.file_to, slug(share.name));
    parts.push(date);
    return parts.filter(Boolean).join("-") + "." + extension;
  }

  function mailLink(body) {
    var link = "mailto:" + (share.email || "") + "?subject=" + encodeURIComponent(title);
    return body ? link + "&body=" + encodeURIComponent(body.replace(/\n/g, "\r\n")) : link;
  }

  function updateMail() {
    var full = mailLink(asText(true));
    mail.setAttribute("href", full.length <= MAIL_LIMIT ? full : mailLink(""));
    mail.toggleAttribute("data-too-long", full.length > MAIL_LIMIT);
  }

  // Actions ------------------------------------------------------------------

  function copy(text, done) {
    function fallback() {
      var focused = document.activeElement;
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      area.remove();
      if (focused) focused.focus();
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function download(text, name, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    say(labels.downloaded);
  }

  var handlers = {
    copy: function () {
      copy(asText(false), function (ok) { say(ok ? labels.copied : labels.copy_failed); });
    },
    markdown: function () { download(asMarkdown(), fileName("md"), "text/markdown"); },
    text: function () { download(asText(false), fileName("txt"), "text/plain"); },
    mail: function () {
      // The link opens the mail program by itself; a brief too long for it is copied first.
      if (mail.hasAttribute("data-too-long")) {
        copy(asText(true), function (ok) { say(ok ? labels.mail_copied : labels.copy_failed); });
      }
    },
    print: function () { window.print(); },
    clear: function () {
      if (!window.confirm(labels.confirm_clear)) return;
      questions.forEach(function (q) {
        q.field.value = "";
        show(q);
      });
      save();
      updateMail();
      say(labels.cleared);
    }
  };

  // Start --------------------------------------------------------------------

  var answers = stored();
  questions.forEach(function (q) {
    if (typeof answers[q.id] === "string") q.field.value = answers[q.id];
    show(q);
    q.field.addEventListener("input", function () {
      show(q);
      save();
      updateMail();
    });
  });
  updateMail();

  actions.querySelectorAll("[data-brief-action]").forEach(function (control) {
    control.addEventListener("click", function () {
      handlers[control.getAttribute("data-brief-action")]();
    });
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
    } catch (error) {
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
