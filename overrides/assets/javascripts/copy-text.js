/*
 * Copy buttons for replies and message templates. The build writes the
 * tools (hidden; hooks/copy_button.py) next to each text; this script shows
 * them and copies the text as plain text: no speaker labels, no markup, list
 * items as "- item". When the browser refuses the clipboard, a field with
 * the text appears, selected, and the status line says to press Ctrl/Cmd+C.
 */
(() => {
  "use strict";

  const SKIP = ".copy-text__tools, .admonition-title, .headerlink, .copy-link, [aria-hidden='true']";
  const BLOCK = /^(P|DIV|UL|OL|BLOCKQUOTE|H[1-6]|PRE|DL|DT|DD|TABLE|TR|SECTION|FIGURE)$/;

  const walk = (node, out) => {
    if (node.nodeType === Node.TEXT_NODE) {
      out.push(node.nodeValue.replace(/[ \t\n\r\f]+/g, " "));  // no-break spaces stay
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || node.matches(SKIP)) return;
    if (node.tagName === "BR") {
      out.push("\n");
      return;
    }
    const block = BLOCK.test(node.tagName);
    if (block) out.push("\n\n");
    if (node.tagName === "LI") {
      const list = node.parentElement;
      const number = [...list.children].indexOf(node) + 1;
      out.push("\n", list.tagName === "OL" ? `${number}. ` : "- ");
    }
    node.childNodes.forEach((child) => walk(child, out));
    if (block) out.push("\n\n");
  };

  /* The text a reader would type: lines trimmed, at most one empty line between blocks. */
  const plainText = (element) => {
    const out = [];
    element.childNodes.forEach((child) => walk(child, out));
    return out.join("")
      .split("\n").map((line) => line.trim()).join("\n")
      .replace(/^(-|\d+\.)\n+/gm, "$1 ")   // a loose list item's paragraph
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  };

  const targetOf = (tools) => {
    const id = tools.dataset.copyTarget;
    return id ? document.getElementById(id) : tools.previousElementSibling;
  };

  // The clipboard refused: its own fallback rather than site.copy's, on purpose:
  // the text in a field, selected, for the reader to copy by hand.
  const fallback = (tools, text) => {
    let field = tools.querySelector(".copy-text__field");
    if (!field) {
      field = document.createElement("textarea");
      field.className = "copy-text__field";
      field.readOnly = true;
      field.setAttribute("aria-label", tools.dataset.field);
      tools.appendChild(field);
    }
    field.value = text;
    field.rows = Math.min(12, text.split("\n").length + 1);
    field.focus();
    field.select();
  };

  const setUp = (tools) => {
    const target = targetOf(tools);
    const button = tools.querySelector(".copy-text__button");
    const status = tools.querySelector(".copy-text__status");
    if (!target || !button || !status) return;
    let timer = 0;
    button.addEventListener("click", () => {
      const text = plainText(target);
      window.clearTimeout(timer);
      window.site.clipboard(text).then(
        () => {
          status.textContent = tools.dataset.copied;
          tools.classList.add("copy-text__tools--done");
          timer = window.setTimeout(() => {
            status.textContent = "";
            tools.classList.remove("copy-text__tools--done");
          }, 6000);
        },
        () => {
          fallback(tools, text);
          status.textContent = tools.dataset.failed;
        },
      );
    });
    tools.hidden = false;
  };

  if (window.site) document.querySelectorAll("[data-copy-tools]").forEach(setUp);  // window.site: copy-link.js
})();
