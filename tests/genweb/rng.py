"""Seeded randomness: one ``random.Random`` per named part, so parts do not disturb each other.

Each site, page and chrome block draws from its own generator keyed by the web's seed and
the part's name.  Adding a new random choice to one part therefore leaves every other
part's bytes as they were, and the same seed always gives byte-identical webs.
"""

from __future__ import annotations

import hashlib
import random
import string

_ALNUM = string.ascii_lowercase + string.digits


def sub(seed: int | str, *keys: object) -> random.Random:
    """A generator for one named part of the web of ``seed``."""
    digest = hashlib.sha256("\x1f".join(map(str, (seed, *keys))).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def token(rng: random.Random, length: int, alphabet: str = _ALNUM) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


def css_hash(rng: random.Random) -> str:
    """A meaningless generated class name, as CSS-in-JS and build tools emit them."""
    shape = rng.randrange(4)
    if shape == 0:
        return f"css-{token(rng, rng.randint(4, 7))}"
    if shape == 1:
        return "_" + token(rng, 6, string.ascii_letters + string.digits)
    if shape == 2:
        return f"sc-{token(rng, 6, string.ascii_letters)}"
    return f"{rng.choice('abcdefghjk')}{token(rng, 5)}-{rng.randint(0, 9)}"


def digits(rng: random.Random, n: int) -> int:
    """An ``n``-digit number (no leading zero)."""
    return rng.randint(10 ** (n - 1), 10**n - 1)


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p
