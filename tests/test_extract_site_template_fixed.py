"""The site template: a box whose place shows the same words wherever the main node reaches it.

The class (issue 12, chrome left): a site prints a disclaimer in a box beside its articles.
A main node is as wide as the page's prose needs: on a long page 1 it is the article's body,
on a short page 2 it takes in the column around it, box included.  So the box is in the
fingerprints of a third of the site's pages or less, never on "most pages", and stayed in
the text (genweb seeds 422587973611 and 728211331912: in 3 articles of one site each).  What
gives it away is its place: its path shows these words and nothing else on every page that
reaches it, in several articles, and not among an article's paragraphs.  A newsroom's note in
a box of its own class among its paragraphs stays.

Drawn here: how many articles, which are split, how many paragraphs a page holds, the notice's
words, whether an editor's label stands below or above it.
"""

from __future__ import annotations

import random

import pytest

from pipelines.extract.block_prints import Print, content_hash, normalise
from pipelines.extract.site_template import SiteTemplate
from tests.site_template_prints import article_lines
from tests.test_extract_split_disclaimer import _notice

# path and group hashes: the article's <p>s in their container, the column around it and
# the boxes in it (a lone paragraph's wrappers are skipped, so its group is the column's)
P_BODY, P_NOTICE, P_EDITOR, P_NOTE = 101, 102, 103, 104
G_BODY, G_COLUMN = 201, 202


def _line(path: int, group: int, text: str, label: bool = False) -> Print:
    norm = normalise(text)
    ends = (7, 8) if label else (0, 0)  # a label's ends are hashed (block_prints.line_ends)
    return (path, group, content_hash(norm), *ends)


def _site(seed: int) -> tuple[list[list[Print]], list[int], str]:
    """The pages of one site (fingerprints), the article each belongs to, and its notice."""
    r = random.Random(seed)
    notice, editor_first = _notice(r), r.random() < 0.5
    pages, docs = [], []
    for doc in range(r.randint(6, 12)):
        body = [t for _, t in article_lines(r.randint(5, 9), seed * 100 + doc)]
        parts = (
            [body] if r.random() < 0.5 else [body[:-2], body[-2:-1], body[-1:]][: r.randint(2, 3)]
        )
        for k, part in enumerate(parts):
            if k == 0:  # long: the main node is the body alone
                pages.append([_line(P_BODY, G_BODY, t) for t in part])
            else:  # short: the column, lone paragraph and boxes under it
                boxes = [
                    _line(P_NOTICE, G_COLUMN, notice),
                    _line(P_EDITOR, G_COLUMN, f"编辑：{doc}", True),
                ]
                lines = [_line(P_BODY, G_COLUMN, t) for t in part]
                pages.append(lines + (boxes[::-1] if editor_first else boxes))
            docs.append(doc)
    return pages, docs, notice


@pytest.mark.parametrize("seed", range(10))
def test_a_box_in_the_main_node_of_short_pages_only_is_template(seed: int):
    pages, docs, notice = _site(seed)
    holding = [p for p in pages if any(line[0] == P_NOTICE for line in p)]
    if len({d for d, p in zip(docs, pages, strict=True) if p in holding}) < 3:
        pytest.skip("fewer than three split articles drawn")
    assert len(holding) < 0.6 * len(pages)  # never on most pages: the share rule misses it
    model = SiteTemplate.learn(pages, documents=docs)
    assert content_hash(normalise(notice)) in model.template_lines(holding[0])
    story = {line[2] for p in pages for line in p if line[0] == P_BODY}
    assert not story & model.template_lines([line for p in pages for line in p])


@pytest.mark.parametrize("seed", range(10))
def test_a_newsrooms_note_box_among_its_paragraphs_stays(seed: int):
    # the same words in a box of their own class, at the foot of a few articles' bodies
    r = random.Random(seed)
    note = "法条链接：深度合成服务提供者应当对使用者进行真实身份信息认证。"
    pages, docs = [], []
    for doc in range(r.randint(6, 12)):
        lines = [
            _line(P_BODY, G_BODY, t) for _, t in article_lines(r.randint(4, 8), seed * 50 + doc)
        ]
        if doc % 3 == 0:
            lines.append(_line(P_NOTE, G_BODY, note))
        pages.append(lines)
        docs.append(doc)
    model = SiteTemplate.learn(pages, documents=docs)
    assert model.template_lines(pages[0]) == set()
