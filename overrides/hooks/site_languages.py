"""The site's languages, worked out once per build from the i18n config (a helper, not a hook).

The i18n plugin builds the default language first and every other language
inside its on_post_build, on the same config object. So a hook asks here
which language is being built, what its URL prefix is, and whether this is
the outermost build (the last to finish, when every language is on disk).
"""

from __future__ import annotations

from dataclasses import dataclass

from build_state import state_of


@dataclass(frozen=True)
class Languages:
    default: str
    all: tuple[str, ...]  # in build order: the default first
    names: tuple[str, ...] = ()  # each language's own name ('Svenska'), as in mkdocs.yml

    def prefix(self, lang: str) -> str:
        """The URL prefix of a language: '' for the default, else 'en/'."""
        return "" if lang == self.default else f"{lang}/"

    def name(self, lang: str) -> str:
        return dict(zip(self.all, self.names, strict=False)).get(lang, lang)

    @property
    def prefixes(self) -> dict[str, str]:
        return {lang: self.prefix(lang) for lang in self.all}


def site_languages(config) -> Languages:
    """Every language the site builds, from mkdocs.yml (cached for the build)."""
    cache = state_of(config, "site_languages")
    if "languages" not in cache:
        i18n = config.plugins.get("i18n")
        if i18n is None:
            cache["languages"] = Languages(config.theme["language"], (config.theme["language"],))
        else:
            others = tuple(lang for lang in i18n.build_languages if lang != i18n.default_language)
            ordered = (i18n.default_language, *others)
            names = {language.locale: language.name for language in i18n.config.languages}
            cache["languages"] = Languages(i18n.default_language, ordered, tuple(names.get(lang, lang) for lang in ordered))
    return cache["languages"]


def language_of(config) -> tuple[str, str]:
    """(language being built, its URL prefix: '' for the default language, else 'en/')."""
    i18n = config.plugins.get("i18n")
    languages = site_languages(config)
    lang = i18n.current_language if i18n is not None and i18n.current_language else languages.default
    return lang, languages.prefix(lang)


def page_language(page, config) -> str:
    """The language of a page: its file's locale, else the language being built."""
    return getattr(page.file, "locale", None) or language_of(config)[0]


def is_outermost(config) -> bool:
    """In on_post_build: whether this is the outermost build. The others are built inside the
    default language's on_post_build at priority -100, so below that every language is on disk."""
    i18n = config.plugins.get("i18n")
    return i18n is None or not getattr(i18n, "building", False)


def is_first_language(config) -> bool:
    """Whether the language being built is the first (the default): for work done once a build."""
    return language_of(config)[0] == site_languages(config).default
