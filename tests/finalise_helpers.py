"""Stored articles through the after-crawl clean-up (storage/finalise.py), for the tests of
what it cuts: one helper instead of the same write / finalise / read in every test."""

from __future__ import annotations

from pathlib import Path

from pipelines.article import Article


def finalised_texts(tmp_path: Path, articles: list[Article]) -> dict[str, str]:
    """``text`` of each article (by URL) after ``finalise_sources`` over all their sites."""
    from crawler.sources import load_sources
    from storage.db import reader
    from storage.finalise import finalise_sources
    from storage.writes import write_batch

    sites = {a.source: a.role for a in articles}
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "".join(
            f'[[source]]\nname = "{name}"\nrole = "{role}"\nstart_urls = ["http://{name}.test/"]\n'
            for name, role in sites.items()
        ),
        encoding="utf-8",
    )
    db = str(tmp_path / "t.duckdb")
    write_batch(db, [], [{**a.to_dict(), "source_outlet": None} for a in articles])
    finalise_sources(db, load_sources(sources), list(sites))
    with reader(db) as con:
        return dict(con.execute("SELECT url, text FROM articles").fetchall())
