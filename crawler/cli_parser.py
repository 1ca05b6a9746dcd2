"""The ``reprints`` argument parser: every command with a description and an example, every
option with help text.  Kept apart from the commands (crawler/cli.py) so the help a new user
reads is in one place, and tests can check that none of it is missing."""

from __future__ import annotations

import argparse
import textwrap
from importlib import metadata

DEFAULT_DB = "data/reprints.duckdb"
DEMO_DB = "data/demo.duckdb"
SET_HELP = (
    "override a Scrapy or reprints setting, repeatable (e.g. DOWNLOAD_DELAY=0); "
    "numbers and True/False are checked before the crawl starts; see crawler/settings.py"
)
VERBOSE_HELP = "also show Scrapy's INFO log on the terminal (it always goes to <db dir>/logs/)"
LANG_HELP = (
    "language of the report's labels (article text stays as published); default: en "
    "when the locale (LC_ALL, LC_MESSAGES, LANG) is English, else zh"
)


def version() -> str:
    try:
        return metadata.version("reprints")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _command(sub, name: str, summary: str, description: str, examples: list[str]):
    """A subcommand whose --help says what it does and shows how it is called."""
    return sub.add_parser(
        name,
        help=summary,
        description=textwrap.fill(f"{summary[0].upper()}{summary[1:]}. {description}", 78),
        epilog="examples:\n" + "\n".join(f"  {e}" for e in examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _db(sp, default: str = DEFAULT_DB, what: str = "DuckDB file") -> None:
    sp.add_argument("--db", default=default, metavar="PATH", help=f"{what} (default: {default})")


def _lang(sp) -> None:
    sp.add_argument("--lang", choices=("en", "zh"), default=None, help=LANG_HELP)


def _crawl_options(sp) -> None:
    sp.add_argument("--sources", required=True, metavar="FILE", help="sources.toml to crawl")
    _db(sp)
    sp.add_argument("--set", action="append", metavar="NAME=VALUE", help=SET_HELP)
    sp.add_argument("--verbose", action="store_true", help=VERBOSE_HELP)


def _add_crawl(sub) -> None:
    sp = _command(
        sub,
        "crawl",
        "crawl every source once, then cluster the new articles",
        "Prints pages fetched / not modified / failed, what happened to each source, "
        "articles new and dropped, and where the full log is. Exit 0 when at least one "
        "source answered; 1 when none did or the database cannot be written; 2 for bad input.",
        [
            "reprints crawl --sources sources/face-swap-litigation.toml --db data/faceswap.duckdb",
            "reprints crawl --sources my.toml --set DOWNLOAD_DELAY=2 --set "
            "CONCURRENT_REQUESTS_PER_DOMAIN=1",
        ],
    )
    _crawl_options(sp)
    sp.add_argument(
        "--redis", metavar="URL", help="scale out: share one queue at redis://HOST:PORT/N"
    )
    sp.add_argument(
        "--workers", type=int, default=None, metavar="K", help="worker processes (default 2)"
    )


def _add_schedule(sub) -> None:
    sp = _command(
        sub,
        "schedule",
        "crawl on a schedule (a fresh process per run)",
        "Runs never overlap; Ctrl-C or SIGTERM stops after the current run.",
        [
            "reprints schedule --sources my.toml --db data/my.duckdb --every 6h",
            'reprints schedule --sources my.toml --cron "0 */6 * * *" --max-runs 4',
        ],
    )
    _crawl_options(sp)
    sp.add_argument("--every", metavar="INTERVAL", help="interval: 30s, 15m, 6h, 1d")
    sp.add_argument("--cron", metavar="EXPR", help='crontab expression, e.g. "0 */6 * * *"')
    sp.add_argument(
        "--max-runs", type=int, default=None, metavar="N", help="stop after N runs (default: never)"
    )


def _add_dedupe(sub) -> None:
    sp = _command(
        sub,
        "dedupe",
        "re-cluster every article in the database, or a JSONL corpus",
        "Cluster ids stay stable across runs. With --input/--out no database is used: "
        "input lines have id and text (optional url, published_at, role, credited_outlet).",
        [
            "reprints dedupe --db data/demo.duckdb --threshold 0.7",
            "reprints dedupe --input corpus.jsonl --out clusters.jsonl",
        ],
    )
    from dedupe.config import DedupeConfig

    base = DedupeConfig()
    _db(sp, what="DuckDB file to re-cluster; it must exist")
    sp.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="T",
        help="Jaccard similarity (0-1] of normalised character 5-grams that makes two texts "
        f"copies (default {base.jaccard_min}; a trimmed copy also joins when "
        f"{base.containment_min:.0%} of its 5-grams are in the other)",
    )
    sp.add_argument("--input", metavar="FILE", help="JSONL corpus to cluster instead of the DB")
    sp.add_argument(
        "--out", metavar="FILE", help="JSONL output with --input: id, cluster_id, is_canonical"
    )


def _add_extract(sub) -> None:
    sp = _command(
        sub,
        "extract",
        "extract articles from saved pages (.html, gzip detected by content)",
        "One JSON line per input: path, title, text, published_at, byline, credited_outlet, "
        "or an error field. Exit 1 when any input failed.",
        ["reprints extract page.html", "reprints extract saved/*.html --out articles.jsonl"],
    )
    sp.add_argument("paths", nargs="+", metavar="PATH", help="saved pages")
    sp.add_argument("--url", help="the URL the pages came from (resolves links, canonical)")
    sp.add_argument("--out", metavar="FILE", help="JSONL output file (default: stdout)")


def _add_sql(sub) -> None:
    sp = _command(
        sub,
        "sql",
        "run a read-only SQL query",
        "Writes, ATTACH, COPY, INSTALL, LOAD and file access are refused. Works while a "
        "crawl is writing. Times carry their UTC offset.",
        [
            'reprints sql "SELECT title, copies FROM canonical_articles ORDER BY copies DESC"',
            'reprints sql --format csv "SELECT url, published_at FROM articles" > articles.csv',
        ],
    )
    sp.add_argument("query", help="one or more SELECT / WITH / DESCRIBE / SHOW statements")
    _db(sp)
    sp.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table: aligned columns for reading (default); csv: every value whole, "
        "for scripts and spreadsheets; json: a list of objects",
    )


def _add_export(sub) -> None:
    sp = _command(
        sub,
        "export",
        "export canonical articles (or every article with --all-copies)",
        "One record per story's original: url, title, text, published_at, credited_outlet, "
        "cluster_id, copies, copy_urls. The file is written whole or not at all.",
        [
            "reprints export --db data/demo.duckdb --format jsonl --out stories.jsonl",
            "reprints export --format parquet --out all.parquet --all-copies",
        ],
    )
    _db(sp)
    sp.add_argument(
        "--format",
        choices=("jsonl", "parquet", "csv"),
        required=True,
        help="jsonl: one JSON object a line; parquet: typed columns; csv: copy_urls "
        "space-separated",
    )
    sp.add_argument("--out", required=True, metavar="FILE", help="file to write (replaced)")
    sp.add_argument(
        "--all-copies",
        action="store_true",
        help="every article, copies and off-topic ones included, with is_canonical and on_topic",
    )


def _add_stats(sub) -> None:
    sp = _command(
        sub,
        "stats",
        "what the database holds",
        "Pages, articles, stories and copies, and per source what its last crawl found "
        "(or why it found nothing).",
        ["reprints stats --db data/demo.duckdb", "reprints stats --json | jq .by_source"],
    )
    _db(sp)
    sp.add_argument("--json", action="store_true", help="the same figures as one JSON object")


def _add_report(sub) -> None:
    sp = _command(
        sub,
        "report",
        "a self-contained HTML report of every story",
        "One file, no network needed: every story with its copies on a timeline, back-dated "
        "copies flagged, retitles, credits and a paragraph diff against the original.",
        [
            "reprints report --db data/demo.duckdb --out report.html",
            "reprints report --db data/demo.duckdb --out story.html --story 3 --lang en",
        ],
    )
    _db(sp)
    sp.add_argument("--out", required=True, metavar="FILE", help="HTML file to write")
    sp.add_argument(
        "--story",
        type=int,
        default=None,
        metavar="CLUSTER_ID",
        help="only this story; its id is the cluster_id column of "
        "'reprints sql \"SELECT cluster_id, title FROM canonical_articles\"', and the N of "
        "#story-N in the full report's address bar",
    )
    _lang(sp)


def _add_serve(sub) -> None:
    sp = _command(
        sub,
        "serve",
        "serve the report live on 127.0.0.1",
        "Re-reads the database on every request, so pages show what a running crawl adds.",
        ["reprints serve --db data/demo.duckdb", "reprints serve --port 9000 --lang en"],
    )
    _db(sp)
    sp.add_argument(
        "--port", type=int, default=8765, metavar="N", help="port on 127.0.0.1 (default: 8765)"
    )
    _lang(sp)


def _add_demo(sub) -> None:
    sp = _command(
        sub,
        "demo",
        "serve the bundled demo web, crawl it, print a summary",
        "Eight local sites on 127.0.0.x with known copies; the database is made afresh.",
        ["reprints demo", "reprints demo --serve"],
    )
    _db(sp, DEMO_DB)
    sp.add_argument("--serve", action="store_true", help="keep serving the demo web afterwards")
    sp.add_argument("--verbose", action="store_true", help=VERBOSE_HELP)


def build_parser() -> argparse.ArgumentParser:
    """The parser; ``func`` of each command is set by crawler/cli.py."""
    from crawler.cli_scaleout import add_parsers

    p = argparse.ArgumentParser(
        prog="reprints",
        description="Find where a news story has been copied: crawl the sites you list, "
        "extract the articles, cluster the copies onto the original, query them with SQL.",
        epilog="'reprints COMMAND --help' shows a command's options and examples.",
    )
    p.add_argument("--version", action="version", version=f"reprints {version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (
        _add_crawl, _add_schedule, _add_dedupe, _add_extract, _add_sql, _add_export,
        _add_stats, _add_report, _add_serve, _add_demo,
    ):  # fmt: skip
        add(sub)
    add_parsers(sub, _command, _db, SET_HELP, VERBOSE_HELP)
    return p
