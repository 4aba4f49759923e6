"""Copy buttons on message templates: any block with the class `copy-text`.

    !!! example copy-text "What a summary might look like"
        …

    > "Let me check I've understood you correctly: …"
    { .copy-text }

A Markdown tree step gives each such block an id and puts the copy tools
(copy_button.py) inside it, or right after it when it holds only text (a
paragraph). The dialogues' right replies get theirs from dialogues.py.
Pages with a copy button load copy-text.css/.js (main.html).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from copy_button import LABELS
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

CLASS = "copy-text"
TEXT_ONLY = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt"}

# The language of the page being rendered (set by on_page_markdown).
_page = {"lang": "sv"}


def tools_element(lang: str, target: str) -> etree.Element:
    labels = LABELS.get(lang, LABELS["en"])
    tools = etree.Element("div", {
        "class": "copy-text__tools", "data-copy-tools": "", "data-copy-target": target,
        "data-copied": labels["copied"], "data-failed": labels["failed"], "data-field": labels["field"],
        "data-search-exclude": "", "hidden": "",
    })
    button = etree.SubElement(tools, "button", {"type": "button", "class": "copy-text__button"})
    button.text = labels["text"]
    etree.SubElement(tools, "span", {"class": "copy-text__status", "role": "status"}).text = ""
    return tools


class CopyTextTreeprocessor(Treeprocessor):
    def run(self, root):
        count = 0
        for parent in list(root.iter()):
            for index in reversed(range(len(parent))):
                block = parent[index]
                if CLASS not in (block.get("class") or "").split():
                    continue
                count += 1
                block.set("id", block.get("id") or f"copy-text-{count}")
                tools = tools_element(_page["lang"], block.get("id"))
                if block.tag in TEXT_ONLY:
                    parent.insert(index + 1, tools)
                else:
                    block.append(tools)


class CopyTextExtension(Extension):
    def extendMarkdown(self, md):
        # after attr_list (8), which sets the class on paragraphs
        md.treeprocessors.register(CopyTextTreeprocessor(md), "copy_text", 4)


def on_config(config):
    if not any(isinstance(ext, CopyTextExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(CopyTextExtension())
    return config


def on_page_markdown(markdown, page, config, files):
    _page["lang"] = getattr(page.file, "locale", None) or config.theme["language"]
    return markdown


def on_page_content(html, page, config, files):
    if "data-copy-tools" in html:
        page.meta["copy_text"] = True  # main.html loads copy-text.css/.js only here
    return html
