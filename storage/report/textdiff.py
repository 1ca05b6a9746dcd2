"""What a copy changed, paragraph by paragraph, and how much of the original it keeps.

Farms re-punctuate (full-width to half-width, spaces between Chinese and digits), drop
paragraphs, merge or split them, and add their own lines (credit notes, ads, "原文链接").
A character diff of whole texts would drown the reader in re-punctuation, so paragraphs are
aligned on their *normalised* form (the project's fingerprint definition: NFKC, case-folded,
letters and numbers only).  Equal normalised paragraphs whose characters differ are
punctuation rewrites; the rest of each changed block is paired by similarity into edited
paragraphs (shown with a character diff), dropped ones and added ones.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from difflib import SequenceMatcher

from dedupe.normalise import normalise

SHINGLE = 5
PAIR_MIN_RATIO = 0.6  # two paragraphs below this are a drop plus an addition, not an edit
BLOCK_MERGE_RATIO = 0.9  # a changed block this similar as a whole was re-paragraphed
MAX_BLOCK_CHARS = 20_000  # longer changed blocks are aligned paragraph by paragraph only
PAIR_WINDOW = 60  # how far ahead in the copy a paragraph's counterpart is looked for
# Lines farms add around a copied article: credits, disclaimers, navigation, ads, calls to
# follow an account.  Used only to label added text, never to decide what a copy is.
FARM_PHRASES = re.compile(
    r"版权|声明|转载|来源[:：]|原文链接|点击|上一篇|下一篇|相关(推荐|阅读|文章)|广告|推广|"
    r"关注|扫码|二维码|公众号|微信|免责|侵权|联系(我们|删除)|责任编辑|编辑[:：]|阅读原文|"
    r"copyright|all rights reserved",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Segment:
    """One row of the diff view.

    ``kind``: 'same'; 'punct' (only punctuation/spacing differs); 'reflow' (paragraphs
    merged or split, words unchanged); 'edited'; 'dropped' (in the original only); 'added'
    (in the copy only); 'chrome' (added, and site template or farm boilerplate).  ``ops`` is
    a character diff for 'punct', 'reflow' and 'edited': ('=', text), ('-', removed) or
    ('+', inserted); a removed or inserted "\n" is a paragraph break.
    """

    kind: str
    original: str = ""
    copy: str = ""
    ops: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CopyDiff:
    segments: tuple[Segment, ...]
    similarity: float  # Jaccard of normalised character 5-grams, whole texts
    retained: float  # share of the original's 5-grams found in the copy
    verbatim: float  # share of the original's paragraphs kept character for character
    removed_chars: int = 0  # letters and digits of the original missing from the copy
    added_chars: int = 0  # letters and digits the copy added (its template lines included)

    def count(self, *kinds: str) -> int:
        return sum(1 for s in self.segments if s.kind in kinds)


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def char_ops(a: str, b: str) -> tuple[tuple[str, str], ...]:
    """Character diff of two short strings (a paragraph or a title)."""
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", a[i1:i2]))
            continue
        if i2 > i1:
            ops.append(("-", a[i1:i2]))
        if j2 > j1:
            ops.append(("+", b[j1:j2]))
    return tuple(ops)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    norm = normalise(text)
    if len(norm) <= k:
        return {norm} if norm else set()
    return {norm[i : i + k] for i in range(len(norm) - k + 1)}


def _bigrams(norm: str) -> frozenset[str]:
    return frozenset(norm[i : i + 2] for i in range(max(len(norm) - 1, 1)))


def _dice(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    """Overlap of two paragraphs' character bigrams: linear time, unlike difflib's ratio,
    which is quadratic on unrelated text (a forum page with 300 replies took 38 s)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def _added(line: str) -> Segment:
    return Segment("chrome" if FARM_PHRASES.search(line) else "added", copy=line)


def _pair(a: str, b: str) -> Segment:
    if a == b:
        return Segment("same", a, b)
    kind = "punct" if normalise(a) == normalise(b) else "edited"
    return Segment(kind, a, b, char_ops(a, b))


Placed = tuple[Segment, int | None]  # a segment and the index of its first copy paragraph


def _changed_block(orig: list[str], copy: list[str], j0: int) -> list[Placed]:
    """Align a block of paragraphs that differ: re-paragraphing, edits, drops, additions."""
    norm_o, norm_c = [normalise(p) for p in orig], [normalise(p) for p in copy]
    if orig and copy:
        joined_o, joined_c = "".join(norm_o), "".join(norm_c)
        close = joined_o == joined_c or (
            max(len(joined_o), len(joined_c)) <= MAX_BLOCK_CHARS
            and _dice(shingles(joined_o), shingles(joined_c)) >= BLOCK_MERGE_RATIO
        )
        if close:
            a, b = "\n".join(orig), "\n".join(copy)
            kind = "reflow" if joined_o == joined_c else "edited"
            return [(Segment(kind, a, b, char_ops(a, b)), j0)]
    grams_o, grams_c = [_bigrams(n) for n in norm_o], [_bigrams(n) for n in norm_c]
    out: list[Placed] = []
    j = 0
    for i, para in enumerate(orig):
        best, best_j = 0.0, -1
        for jj in range(j, min(len(copy), j + PAIR_WINDOW)):
            r = _dice(grams_o[i], grams_c[jj])
            if r > best:
                best, best_j = r, jj
        if best < PAIR_MIN_RATIO:
            out.append((Segment("dropped", original=para), None))
            continue
        out.extend((_added(copy[k]), j0 + k) for k in range(j, best_j))
        out.append((_pair(para, copy[best_j]), j0 + best_j))
        j = best_j + 1
    out.extend((_added(copy[k]), j0 + k) for k in range(j, len(copy)))
    return out


def _align_body(orig: list[str], cop: list[str]) -> list[Placed]:
    norm_o, norm_c = [normalise(p) for p in orig], [normalise(p) for p in cop]
    out: list[Placed] = []
    matcher = SequenceMatcher(None, norm_o, norm_c, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend((_pair(orig[i1 + k], cop[j1 + k]), j1 + k) for k in range(i2 - i1))
        elif tag == "delete":
            out.extend((Segment("dropped", original=p), None) for p in orig[i1:i2])
        elif tag == "insert":
            out.extend((_added(cop[k]), k) for k in range(j1, j2))
        else:
            out.extend(_changed_block(orig[i1:i2], cop[j1:j2], j1))
    return out


def align(original: str, copy: str, template_lines: frozenset[str] = frozenset()) -> list[Segment]:
    """Paragraph diff of ``copy`` against ``original``.

    ``template_lines`` are lines of the copy that the crawler recognised as its site's
    template (present in ``raw_text``, stripped from ``text``).  They are set aside before
    aligning (so a credit line glued to the last paragraph block does not turn the block
    into an edit) and put back where they stood, labelled 'chrome'.
    """
    orig, shown = paragraphs(original), paragraphs(copy)
    body = [k for k, p in enumerate(shown) if p not in template_lines]
    template = [k for k, p in enumerate(shown) if p in template_lines]
    out: list[Segment] = []
    for seg, j in _align_body(orig, [shown[k] for k in body]):
        while j is not None and template and template[0] < body[j]:
            out.append(Segment("chrome", copy=shown[template.pop(0)]))
        out.append(seg)
    out.extend(Segment("chrome", copy=shown[k]) for k in template)
    return out


def compare(original: str, copy_text: str, copy_raw: str | None = None) -> CopyDiff:
    """Diff and scores of one copy.

    ``copy_text`` is the copy's cleaned body (what dedupe compared); ``copy_raw`` the body
    as extracted, whose extra lines are the farm's template.  The diff shows ``copy_raw`` so
    the reader sees what the farm wrapped around the article; scores use ``copy_text``.
    """
    shown = copy_raw if copy_raw else copy_text
    kept = set(paragraphs(copy_text))
    template = frozenset(p for p in paragraphs(shown) if p not in kept)
    segments = tuple(align(original, shown, template))
    a, b = shingles(original), shingles(copy_text)
    union = len(a | b)
    n_orig = len(paragraphs(original))
    verbatim = sum(1 for s in segments if s.kind == "same")
    removed = added = 0
    for seg in segments:
        if seg.kind == "dropped":
            removed += len(normalise(seg.original))
        elif seg.kind in ("added", "chrome"):
            added += len(normalise(seg.copy))
        elif seg.kind == "edited":
            removed += sum(len(normalise(t)) for op, t in seg.ops if op == "-")
            added += sum(len(normalise(t)) for op, t in seg.ops if op == "+")
    return CopyDiff(
        segments=segments,
        removed_chars=removed,
        added_chars=added,
        similarity=len(a & b) / union if union else 1.0,
        retained=len(a & b) / len(a) if a else 1.0,
        verbatim=verbatim / n_orig if n_orig else 1.0,
    )
