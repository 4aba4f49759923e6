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

from interface_labels import labels as interface_labels
from site_languages import language_of
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

CLASS = "copy-text"
TEXT_ONLY = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt"}

def tools_element(labels, target: str) -> etree.Element:
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
    def __init__(self, md, labels):
        super().__init__(md)
        self.labels = labels

    def run(self, root):
        count = 0
        for parent in list(root.iter()):
            for index in reversed(range(len(parent))):
                block = parent[index]
                if CLASS not in (block.get("class") or "").split():
                    continue
                count += 1
                block.set("id", block.get("id") or f"copy-text-{count}")
                tools = tools_element(self.labels, block.get("id"))
                if block.tag in TEXT_ONLY:
                    parent.insert(index + 1, tools)
                else:
                    block.append(tools)


class CopyTextExtension(Extension):
    """Bound to the labels of the language being built (the i18n plugin builds one at a time)."""

    def __init__(self, labels):
        super().__init__()
        self.labels = labels

    def extendMarkdown(self, md):
        # after attr_list (8), which sets the class on paragraphs
        md.treeprocessors.register(CopyTextTreeprocessor(md, self.labels), "copy_text", 4)


def on_config(config):
    # on_config runs once per language: the extension takes that language's labels.
    lang, _ = language_of(config)
    extensions = [ext for ext in config.markdown_extensions if type(ext).__name__ != "CopyTextExtension"]
    config.markdown_extensions[:] = [*extensions, CopyTextExtension(interface_labels(config, "copy_text", lang))]
    return config


def on_page_content(html, page, config, files):
    if "data-copy-tools" in html:
        page.meta["copy_text"] = True  # main.html loads copy-text.css/.js only here
    return html
