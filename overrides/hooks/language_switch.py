"""Material's language switch asks for no sitemap: the i18n plugin already links each page to its translation.

Material's JavaScript takes every <link rel="alternate"> for the root of
another version of the site: it downloads the sitemap.xml beside each one and
then steers clicks on links into that version. Here every page's alternates
are its own translations, absolute for search engines, so it would ask for
/principles/sitemap.xml and /en/principles/sitemap.xml on every page: 404s in
the console, and a request to the public host from any copy of the site served
elsewhere. The switcher's links already lead to the translated page, so the
copied bundle is told to skip links that carry hreflang. The build fails if
Material's bundle no longer has the selector.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from problems import report
from site_languages import is_outermost

log = logging.getLogger("mkdocs.hooks.language_switch")

SELECTOR = '"link[rel=alternate]"'
PATCHED = '"link[rel=alternate]:not([hreflang])"'


@event_priority(-200)  # after the i18n plugin's on_post_build, which builds the other languages
def on_post_build(config):
    if not is_outermost(config):
        return  # a language built inside the default one; the outer build comes last
    bundles = sorted((Path(config.site_dir) / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        report(log, f"{config.site_dir}/assets/javascripts", f"expected one Material bundle, found {len(bundles)}")
        return
    bundle = bundles[0]
    script = bundle.read_text(encoding="utf-8")
    if script.count(SELECTOR) != 1:
        if script.count(PATCHED) != 1:
            report(log, str(bundle), (
                f"Material's bundle no longer selects {SELECTOR} exactly once; "
                f"check how its language switch finds alternates and update overrides/hooks/language_switch.py"
            ))
        return
    bundle.write_text(script.replace(SELECTOR, PATCHED), encoding="utf-8")
