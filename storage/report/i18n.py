"""The report's labels in Chinese or English (``reprints report --lang``).

Every word the report writes itself comes from ``labels.toml``; what the sites wrote
(titles, article text, outlet and site names, bylines) is shown as published.  A label is
looked up by key and formatted with named values; an English label may be a pair
``[singular, plural]`` chosen by ``n``.  Without ``--lang`` the language follows the
locale: English when it is English, else Chinese (the report's first language, and the
language of what it reports on).
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path

LANGS = ("zh", "en")
HTML_LANG = {"zh": "zh-CN", "en": "en"}


@cache
def catalogue() -> dict[str, dict[str, str | list[str]]]:
    with open(Path(__file__).with_name("labels.toml"), "rb") as fh:
        return tomllib.load(fh)


def default_lang(environ: dict[str, str] | None = None) -> str:
    """``en`` when the locale names English (LC_ALL, then LC_MESSAGES, then LANG, as
    gettext reads them), else ``zh``: unset, C, POSIX and other languages included."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


class Labels:
    """``t("key", n=3, site="x")``: the label in this language, formatted."""

    def __init__(self, lang: str = "zh") -> None:
        if lang not in LANGS:
            raise ValueError(f"--lang {lang}: choose en or zh")
        self.lang = lang
        self.html_lang = HTML_LANG[lang]

    def __call__(self, key: str, n: int | None = None, **values) -> str:
        text = catalogue()[key][self.lang]
        if isinstance(text, list):
            text = text[0] if n == 1 else text[1]
        return text.format(n=n, **values) if (values or n is not None) else text
