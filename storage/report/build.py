"""``reprints report``: the whole report as one self-contained HTML file.

All story pages are sections of the same file; the overview links to ``#story-N`` and a few
lines of script show one section at a time (without script every section shows, one after
the other, and the links still jump).  Written to a temporary file and renamed, so a reader
never opens a half-written report.
"""

from __future__ import annotations

import os
from pathlib import Path

from storage.report.assets import document
from storage.report.data import load_stories, load_story, read
from storage.report.i18n import Labels
from storage.report.model import Report, StoryView, build_report, build_story
from storage.report.overview import overview_html
from storage.report.story import story_html


def _foot(t: Labels) -> str:
    return f'<p class="foot">{t("doc.foot")}</p>'


def report_document(report: Report, source: str, t: Labels) -> str:
    """Overview plus every story as hash-routed sections of one page."""
    body = overview_html(report, lambda cid: f"#story-{cid}", source, False, t)
    body += "".join(story_html(s, "#overview", False, t) for s in report.stories)
    return document(t("doc.title"), body + _foot(t), t)


def overview_document(report: Report, source: str, t: Labels) -> str:
    body = overview_html(report, lambda cid: f"/story/{cid}", source, True, t)
    return document(t("doc.title"), body + _foot(t), t)


def story_document(story: StoryView, home_href: str | None, t: Labels) -> str:
    body = story_html(story, home_href, True, t)
    return document(t("doc.story_title", title=story.original.title), body + _foot(t), t)


def unknown_story(db_path: str, story: int) -> ValueError:
    return ValueError(
        f"{db_path}: no story with cluster id {story} "
        "(ids: reprints sql 'SELECT cluster_id, title FROM canonical_articles')"
    )


def write_report(db_path: str, out: str, story: int | None = None, lang: str = "zh") -> int:
    """Write the report to ``out`` with its labels in ``lang``; return how many stories it
    holds.

    Raises ``StorageError`` when the database cannot be read and ``ValueError`` for an
    unknown ``story`` or an unwritable ``out`` (one-line messages).
    """
    source, t = Path(db_path).name, Labels(lang)
    if story is None:
        report = build_report(read(db_path, load_stories, True), with_diffs=True)
        html, count = report_document(report, source, t), len(report.stories)
    else:
        rows = read(db_path, load_story, story)
        if rows is None:
            raise unknown_story(db_path, story)
        html, count = story_document(build_story(rows, with_diffs=True), None, t), 1
    target = Path(out)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValueError(f"{out}: cannot write report: {exc.strerror or exc}") from None
    return count
