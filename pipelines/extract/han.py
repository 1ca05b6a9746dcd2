"""Han characters: how the chrome steps count Chinese text and tell a headline from a label.

Why one module: the teaser-run step, the promo link-line test and the related-teaser step
each asked "is this link's text a headline?" with their own copy of the character class and
of the threshold; one definition keeps them deciding alike.
"""

from __future__ import annotations

import re

HAN = re.compile(r"[\u4e00-\u9fff]")
# A link's text reads as a headline with at least this many Han characters: a label or a
# channel name ("国内", "法治频道") has fewer, a news headline 10-30.
HEADLINE_MIN_HAN = 6


def han_chars(text: str) -> int:
    """Han characters in ``text``."""
    return len(HAN.findall(text))


def reads_as_headline(text: str) -> bool:
    """Whether a link's text is long enough in Han characters to be a headline."""
    return han_chars(text) >= HEADLINE_MIN_HAN
