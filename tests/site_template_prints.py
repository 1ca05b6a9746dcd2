"""Hand-made block fingerprints for the site-template tests (tests/test_extract_site_template*.py).

A page is a list of (path hash, text) lines of one container; ``line_prints`` turns it into
the fingerprints pipelines/extract/block_prints.py would give, ``article_lines`` makes an
article whose every paragraph opens and ends in its own words (so no two articles share a
line by accident).
"""

from __future__ import annotations

import re
import zlib

from pipelines.extract.block_prints import Print, content_hash, normalise

WS = re.compile(r"\s+")
BODY, BOX = 11, 22  # path hashes: the article's <p>s, a box with a class of its own
GROUP = 7  # both sit in one container


def line_prints(lines: list[tuple[int, str]], near: bool = False) -> list[Print]:
    """Fingerprints of (path, text) lines of one container, in page order."""
    out = []
    for path, text in lines:
        norm = normalise(text)
        ends = (zlib.crc32(norm[:4].encode()), zlib.crc32(norm[-4:].encode())) if near else (0, 0)
        out.append((path, GROUP, content_hash(norm), *ends))
    return out


def article_lines(n: int, seed: int) -> list[tuple[int, str]]:
    # every paragraph opens and ends in its own words
    words = [chr(0x4E00 + (seed * 97 + k * 13) % 20000) for k in range(n + 1)]
    return [
        (BODY, f"{words[k]}{words[k + 1]}是第{seed}篇第{k}段的正文{words[k]}。") for k in range(n)
    ]


def packed_page(lines: list[tuple[int, str]]):
    """One page's fingerprints packed as storage keeps them (one container)."""
    from pipelines.extract.block_prints import pack

    return pack([line_prints(lines)])
