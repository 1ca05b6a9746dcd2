"""After a crawl: per-site clean-up that needs many pages of a site at once.

The site's template (pipelines/extract/site_template.py: lines at the same place in the page
with the same content on most of its pages, learned from the ``block_prints`` every article
carries) is cut from ``text``, and so are lines that name another article of the site by its
title (上一篇/下一篇 links: label and title change on every page, sibling_titles.py).
The sites are learned together: a line one site's template
would cut stays when another site carries it as the body of a kindred page (a copy of the
same story, a newsroom's closing line), so every site of the crawl is learned before any is
cut.  ``raw_text`` keeps the extractor's output, so this is re-done
from scratch on every run, over every article of the site, and never compounds.  When the
cleaned body comes out as before (its fingerprint is ``text_sha1``), ``text`` is left as it
is: clustering may have taken a farm's own additions out of it (storage/story_store.py), and
a re-crawl that clusters only its new articles would not take them out again.  The topic is
re-decided on the cleaned text: a farm whose template mentions the topic on every page must
not make every page on topic.
"""

from __future__ import annotations

import pyarrow as pa

from crawler.sources import SourcesConfig
from pipelines.extract.sibling_titles import title_key
from pipelines.extract.site_template import learn_sites, strip_template
from pipelines.topic import TopicFilter
from storage.db import writer
from storage.writes import sha1


def finalise_sources(db_path: str, config: SourcesConfig, sources: list[str]) -> int:
    """Re-clean and re-classify every article of ``sources``; returns rows changed."""
    topic = TopicFilter(config.topic)
    changed = 0
    with writer(db_path) as con:

        def blobs_of(source: str) -> list[bytes | None]:
            query = "SELECT block_prints FROM articles WHERE source = ?"
            return [r[0] for r in con.execute(query, [source]).fetchall()]

        templates = learn_sites(blobs_of, sources)
        for source in sources:
            rows = con.execute(
                "SELECT id, title, raw_text, text, text_sha1, on_topic, topic_reason, block_prints "
                "FROM articles WHERE source = ?",
                [source],
            ).fetchall()
            if not rows:
                continue
            template = templates[source]
            titles = frozenset(title_key(r[1]) for r in rows if r[1])  # prev/next links name them
            updates = []
            for art_id, title, raw, text, body_sha1, on_topic, reason, prints in rows:
                others = titles - {title_key(title or "")}
                new_text = strip_template(raw or "", prints, template, others)
                verdict = topic.classify(title or "", new_text)
                new_sha1 = sha1(new_text)
                if new_sha1 == body_sha1 and text is not None:
                    new_text = text  # the same body: keep what clustering made of it
                if (new_text, verdict.on_topic, verdict.reason) != (text, on_topic, reason):
                    updates.append((art_id, new_text, new_sha1, verdict.on_topic, verdict.reason))
            if not updates:
                continue
            upd = pa.table(  # noqa: F841  (read by DuckDB by name)
                {
                    "id": [u[0] for u in updates],
                    "text": [u[1] for u in updates],
                    "text_sha1": [u[2] for u in updates],
                    "on_topic": [u[3] for u in updates],
                    "topic_reason": [u[4] for u in updates],
                }
            )
            con.execute(
                "UPDATE articles SET text = upd.text, text_sha1 = upd.text_sha1, "
                "on_topic = upd.on_topic, topic_reason = upd.topic_reason "
                "FROM upd WHERE articles.id = upd.id"
            )
            changed += len(updates)
    return changed
