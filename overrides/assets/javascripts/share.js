/*
 * Personal share links (share.md, overrides/hooks/share.py and clients.py).
 *
 * The values live in the link's fragment: #n=name&e=email&m=note. Browsers
 * never send the fragment to a server, so nothing leaves the reader's browser.
 *
 * - On the share page it turns the form into such a link and copies it.
 * - On a client page it reads the values once, keeps them for the visit
 *   (sessionStorage, this tab only), takes them out of the address bar,
 *   greets the client and offers them to brief.js as window.shareLink
 *   ({name, email, note}; empty strings when the page was opened without them).
 *
 * Values are cut to LIMITS and only ever set as textContent or .value; an
 * email address is used only when it passes EMAIL, which lets no character
 * through that could end a mailto: address or start markup.
 */
(() => {
  "use strict";

  const LIMITS = { name: 60, email: 254, note: 200 };  // share.py's NOTE_LIMIT is the same
  const KEY = "share:from";
  const EMAIL = /^[\p{L}\p{N}._+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;
  const EMPTY = Object.freeze({ name: "", email: "", note: "" });

  // Values ---------------------------------------------------------------------

  const cut = (value, limit) => {
    const text = String(value || "").replace(/\s+/g, " ").trim();
    const characters = Array.from(text);
    return characters.length > limit ? `${characters.slice(0, limit - 1).join("").trimEnd()}…` : text;
  };

  const validEmail = (value) => value.length <= LIMITS.email && EMAIL.test(value);

  // {name, email, note, badEmail}: cut, with an unusable email address left out.
  const clean = (raw) => {
    const email = String(raw.email || "").trim();
    const ok = email !== "" && validEmail(email);
    return {
      name: cut(raw.name, LIMITS.name),
      email: ok ? email : "",
      note: cut(raw.note, LIMITS.note),
      badEmail: email !== "" && !ok,
    };
  };

  const fromFragment = () => {
    const hash = window.location.hash.slice(1);
    if (!hash.includes("=")) return null;  // an ordinary #heading link
    const params = new URLSearchParams(hash);
    if (!["n", "e", "m"].some((key) => params.has(key))) return null;
    return { name: params.get("n"), email: params.get("e"), note: params.get("m") };
  };

  const toFragment = (values) => {
    const params = new URLSearchParams();
    if (values.name) params.set("n", values.name);
    if (values.email) params.set("e", values.email);
    if (values.note) params.set("m", values.note);
    const text = params.toString().replace(/%40/g, "@");
    return text ? `#${text}` : "";
  };

  const fill = (label, name) => label.split("{name}").join(name);

  // On a client page -------------------------------------------------------------

  const remembered = () => {
    const given = fromFragment();
    if (given) {
      const values = clean(given);
      try {
        window.sessionStorage.setItem(KEY, JSON.stringify(values));
      } catch { /* private mode: the values still serve this page */ }
      const { pathname, search } = window.location;
      window.history.replaceState(window.history.state, "", pathname + search);
      return values;
    }
    try {
      const stored = JSON.parse(window.sessionStorage.getItem(KEY));
      return stored && typeof stored === "object" ? clean(stored) : null;
    } catch {
      return null;
    }
  };

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const greet = (box, values) => {
    const labels = JSON.parse(box.getAttribute("data-share-labels"));
    if (values.name) {
      box.append(element("p", "share-greeting__from", fill(labels.greeting, values.name)));
    }
    if (values.name && values.note) {
      const note = element("blockquote", "share-greeting__note");
      note.setAttribute("aria-label", fill(labels.note, values.name));
      note.append(element("p", "", values.note));
      box.append(note);
    }
    if (values.name && values.email) {
      const reply = element("a", "share-greeting__reply", fill(labels.reply, values.name));
      reply.href = `mailto:${values.email}`;
      const line = element("p", "");
      line.append(reply);
      box.append(line);
    }
    if (values.badEmail) box.append(element("p", "share-greeting__notice", labels.bad_email));
    box.hidden = box.childElementCount === 0;
  };

  const box = document.querySelector("[data-share-greeting]");
  const values = box ? remembered() : null;
  window.shareLink = values
    ? Object.freeze({ name: values.name, email: values.email, note: values.note })
    : EMPTY;
  if (box && values) greet(box, values);

  // On the share page ----------------------------------------------------------------

  const builder = (form) => {
    const labels = JSON.parse(form.getAttribute("data-share-labels"));
    const root = form.getAttribute("data-share-root");
    const field = (id) => form.querySelector(`#${id}`);
    const [name, email, note, start, result] = ["share-name", "share-email", "share-note", "share-start", "share-result"].map(field);
    const status = form.querySelector(".share__status");
    const open = form.querySelector('[data-share-action="open"]');
    name.maxLength = LIMITS.name;
    email.maxLength = LIMITS.email;
    note.maxLength = LIMITS.note;

    const update = () => {
      const values = clean({ name: name.value, email: email.value, note: note.value });
      const language = form.querySelector('input[name="lang"]:checked');
      const address = new URL(root + language.getAttribute("data-share-prefix") + start.value, window.location.href);
      result.value = address.href + toFragment(values);
      open.href = result.value;
      const problems = [];
      if (!values.name && (values.email || values.note || values.badEmail)) problems.push(labels.no_name);
      if (values.badEmail) problems.push(labels.bad_email);
      status.textContent = problems.join(" ");
    };

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", (event) => event.preventDefault());
    form.querySelector('[data-share-action="copy"]').addEventListener("click", () => {
      update();
      // Where the clipboard is refused, the link is selected in its field and copied from there.
      window.site.copy(result.value, result).then((ok) => window.site.say(status, ok ? labels.copied : labels.copy_failed));
    });
    update();
    form.hidden = false;
  };

  const form = document.querySelector("[data-share-form]");
  if (form && window.site) builder(form);  // window.site: copy-link.js
})();
