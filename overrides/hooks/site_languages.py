"""The language being built, for hooks that run once per language (a helper, not a hook)."""

from __future__ import annotations


def language_of(config) -> tuple[str, str]:
    """(language being built, its URL prefix: '' for the default language, else 'en/')."""
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.current_language is None:
        return config.theme["language"], ""
    lang = i18n.current_language
    return lang, "" if lang == i18n.default_language else f"{lang}/"
