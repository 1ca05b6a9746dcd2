"""Text normalisation before shingling, one lookup table for a whole block of documents.

Copies of one story differ in ways that carry no meaning: full-width vs half-width forms
(，/, 。/. １/1), re-punctuation, quotes swapped (“”/「」/""), spaces or zero-width characters
inserted between characters, case.  Fingerprints must not see any of that, so the definition
is :func:`normalise`: NFKC, case folding, then only letters and numbers kept.

Calling it per document costs ~90 µs for a 1,500-character Chinese article (CPython's NFKC
fails its quick check on full-width punctuation), more than all other stages together.
For almost every character NFKC + casefold + the letter/number filter is a function of the
character alone, so :func:`normalise_batch` maps the codepoints of a whole block through one
table (characters that become several letters, ㎡ -> m2, through a side table).  Characters
whose result depends on their neighbours (combining marks, the second half of a canonical
composition, Hangul jamo) are flagged; a document containing one is normalised by
:func:`normalise` instead, so the result always equals the definition.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np

from dedupe.ragged import Ragged

# Python's \w is "letter or number or underscore" (str.isalnum() plus "_"): everything else,
# i.e. punctuation (P*), symbols (S*), separators/whitespace (Z*), control and format
# characters (C*, zero-width spaces included) and the underscore, is dropped.
_NOT_WORD = re.compile(r"[\W_]+")
# Table value of a dropped character, and of one that needs the per-document path.
DROP = np.uint32(0)
SPECIAL = np.uint32(0xFFFFFFFF)
EXPAND = np.uint32(0x80000000)
_MAX_CP = 0x110000
_TABLE_VERSION = 1  # bump when the table's meaning changes


def normalise(text: str) -> str:
    """``text`` folded to NFKC, case-folded, with only letters and numbers kept."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def _assigned() -> list[int]:
    """Codepoints that are assigned, not private use and not surrogates (~145k)."""
    return [cp for cp in range(_MAX_CP) if unicodedata.category(chr(cp)) not in ("Cn", "Co", "Cs")]


def _composition_seconds(assigned: list[int]) -> set[int]:
    """Characters that can be the second half of a canonical composition (é = e + ◌́)."""
    seconds = {*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)}  # Hangul V and T jamo
    for cp in assigned:
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(int(parts[1], 16))
    return seconds


def _cache_file() -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "reprints" / f"normalise-v{_TABLE_VERSION}-{unicodedata.unidata_version}.npz"


@cache
def normalisation_table() -> tuple[np.ndarray, Ragged]:
    """uint32 per codepoint, and the expansions it points to.

    A table value is the normalised character, ``DROP``, ``SPECIAL``, or ``EXPAND | i``
    for a character that becomes several letters (Ⅲ -> iii, ㎡ -> m2), spelled by item i
    of the returned Ragged.  Building it takes ~0.3 s, a third of a 10,000-document run, so
    it is kept in the user's cache directory, keyed by this Python's Unicode version; a
    missing, unreadable or unwritable cache just means building it again.
    """
    path = _cache_file()
    try:
        with np.load(path) as saved:
            table = np.zeros(_MAX_CP, dtype=np.uint32)
            table[saved["where"]] = saved["what"]
            expansions = Ragged(saved["exp_values"], saved["exp_offsets"])
    except (OSError, ValueError, KeyError):
        table, expansions = _build_table()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            where = np.flatnonzero(table)
            tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
            np.savez(
                tmp,
                where=where,
                what=table[where],
                exp_values=expansions.values,
                exp_offsets=expansions.offsets,
            )
            os.replace(tmp, path)
        except OSError:
            pass
    table.flags.writeable = False
    return table, expansions


def _build_table() -> tuple[np.ndarray, Ragged]:
    table = np.zeros(_MAX_CP, dtype=np.uint32)  # unassigned, private use, surrogates: dropped
    expansions: list[np.ndarray] = []
    assigned = _assigned()
    seconds = _composition_seconds(assigned)
    for cp in assigned:
        ch = chr(cp)
        if not unicodedata.decomposition(ch) and ch.casefold() == ch:
            # ~95 % of characters (all unified ideographs): NFKC and casefold leave them
            # alone, so only the letter/number filter and the context flags apply.
            first, out = ch, ch if ch.isalnum() else ""
        else:
            # Only the first character of the decomposition can interact with what precedes
            # it (a starter blocks everything after it); what follows can only interact if
            # it is itself flagged here.
            first, out = unicodedata.normalize("NFKD", ch)[0], normalise(ch)
        if unicodedata.combining(first) or ord(first) in seconds:
            table[cp] = SPECIAL
        elif len(out) > 1:
            table[cp] = EXPAND | len(expansions)
            expansions.append(np.array([ord(c) for c in out], dtype=np.uint32))
        elif out:
            table[cp] = ord(out)
    return table, Ragged.from_arrays(expansions, np.uint32)


def codepoints_of(texts: list[str]) -> Ragged:
    """The codepoints of ``texts`` as one uint32 Ragged (lone surrogates kept as values)."""
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)), out=offsets[1:])
    joined = "".join(texts).encode("utf-32-le", "surrogatepass")
    return Ragged(np.frombuffer(joined, dtype="<u4").astype(np.uint32, copy=False), offsets)


def _slow(cps: np.ndarray) -> np.ndarray:
    text = cps.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")
    return np.frombuffer(normalise(text).encode("utf-32-le"), dtype="<u4").astype(np.uint32)


def _expand(
    mapped: np.ndarray, keep: np.ndarray, produced: np.ndarray, at: np.ndarray, expansions: Ragged
) -> tuple[np.ndarray, np.ndarray]:
    """Output values, and the output characters beyond one per expanding input at or
    before each position of ``at`` (cumulated), when the characters at ``at`` expand;
    ``produced`` counts the kept characters up to each position (``np.cumsum(keep)``).

    The plain characters are compressed as without expansions and the few spelled ones
    inserted: no pass over the block in int64, which made a block holding one ㎡ cost
    twice as much as one without."""
    spelled = expansions.take(mapped[at] & ~EXPAND)
    plain = keep.copy()
    plain[at] = False
    values = np.compress(plain, mapped)
    # Plain characters before each expanding one = kept characters before it, minus the
    # expanding ones before it.
    kept_before = produced[at] - 1 - np.arange(at.size)
    values = np.insert(values, np.repeat(kept_before, spelled.lengths), spelled.values)
    return values, np.cumsum(spelled.lengths - 1)


def normalise_batch(cps: Ragged) -> Ragged:
    """Normalised codepoints of every document; equal to :func:`normalise` per document."""
    table, expansions = normalisation_table()
    mapped = np.take(table, cps.values)
    keep = mapped != DROP
    special = mapped == SPECIAL
    produced = np.cumsum(keep)
    expand = np.flatnonzero((mapped >= EXPAND) & ~special)
    if expand.size:
        values, extra = _expand(mapped, keep, produced, expand, expansions)
    else:
        values = np.compress(keep, mapped)
    before = cps.offsets - 1  # output length before each document = produced[start - 1]
    ends = np.maximum(before, 0)
    offsets = np.where(before >= 0, produced[ends] if produced.size else 0, 0)
    if expand.size:  # and the extra characters of the expansions before each start
        k = np.searchsorted(expand, ends, side="right")
        offsets = offsets + np.where((before >= 0) & (k > 0), extra[np.maximum(k - 1, 0)], 0)
    out = Ragged(values, offsets.astype(np.int64))
    if not special.any():
        return out
    flagged = np.unique(np.searchsorted(cps.offsets, np.flatnonzero(special), side="right") - 1)
    # Splice the flagged documents' exact results between the untouched runs of the rest.
    pieces: list[np.ndarray] = []
    lengths = out.lengths.copy()
    cursor = 0
    for i in flagged.tolist():
        pieces.append(out.values[cursor : out.offsets[i]])
        exact = _slow(cps[i])
        pieces.append(exact)
        lengths[i] = exact.size
        cursor = int(out.offsets[i + 1])
    pieces.append(out.values[cursor:])
    offsets = np.zeros_like(out.offsets)
    np.cumsum(lengths, out=offsets[1:])
    return Ragged(np.concatenate(pieces), offsets)
