"""The scale-out commands of the CLI: ``worker`` and ``ingest`` (``crawl --redis`` is in
cli.py, which hands over to crawler/scaleout.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from crawler.sources import load_sources

MAX_WORKERS = 64


def check_workers(redis: str | None, workers: int | None) -> int | None:
    """The worker count for ``crawl``, or None for a single-process crawl."""
    from crawler.cli import UsageError

    if workers is not None and not redis:
        raise UsageError("--workers needs --redis URL (the shared queue)")
    if not redis:
        return None
    workers = 2 if workers is None else workers
    if not 1 <= workers <= MAX_WORKERS:
        raise UsageError(f"--workers {workers}: must be 1..{MAX_WORKERS}")
    return workers


def cmd_worker(args) -> int:
    from crawler.cli import _sets
    from crawler.logs import log_overrides

    config = load_sources(args.sources)
    overrides = _sets(args.set)
    from crawler.scaleout import run_worker

    logs = args.log_dir or Path(args.out) / "logs"
    kind = f"worker-{args.worker_id}" if args.worker_id else "worker"
    overrides = log_overrides(overrides, logs, kind, args.verbose)
    counts = run_worker(
        config, args.redis, args.out, args.crawl, overrides, args.db, args.worker_id
    )
    print(
        f"worker: {counts['pages']} pages, {counts['articles']} articles written in "
        f"{counts['shards']} shards ({counts['finish_reason']})"
    )
    return 0


def cmd_ingest(args) -> int:
    from storage.clustering import update_clusters
    from storage.finalise import finalise_sources
    from storage.ingest import ingest_shards

    directory = Path(args.from_dir)
    sources = args.sources or (
        str(directory / "sources.toml") if (directory / "sources.toml").exists() else None
    )
    config = load_sources(sources) if sources else None  # bad config fails before loading
    result = ingest_shards(args.db, directory)
    print(result.line())
    if config is not None:
        finalise_sources(args.db, config, [s.name for s in config.sources])
    clusters = update_clusters(args.db)
    print(clusters.line())
    return 0


def add_parsers(sub, command, db_arg, set_help: str, verbose_help: str) -> None:
    """``worker`` and ``ingest``; ``command`` and ``db_arg`` are crawler/cli_parser.py's."""
    sp = command(
        sub,
        "worker",
        "one crawl worker on a shared Redis queue, writing shards to a directory",
        "Workers with the same --crawl id share one crawl; 'reprints ingest --from DIR' "
        "loads what they wrote.",
        [
            "reprints worker --sources my.toml --redis redis://10.0.0.5:6379/0 "
            "--out /srv/shards --crawl nightly",
        ],
    )
    sp.add_argument("--sources", required=True, metavar="FILE", help="sources.toml to crawl")
    sp.add_argument("--redis", required=True, metavar="URL", help="redis://HOST:PORT/N")
    sp.add_argument("--out", required=True, metavar="DIR", help="where shards are written")
    sp.add_argument(
        "--crawl", default="default", help="crawl id: workers with the same id share one crawl"
    )
    sp.add_argument(
        "--db",
        default=None,
        metavar="PATH",
        help="DuckDB file read for re-crawl history (conditional GET); default: none",
    )
    sp.add_argument("--worker-id", default=None, help=argparse.SUPPRESS)  # set by crawl
    sp.add_argument("--log-dir", default=None, help=argparse.SUPPRESS)  # set by crawl
    sp.add_argument("--set", action="append", metavar="NAME=VALUE", help=set_help)
    sp.add_argument("--verbose", action="store_true", help=verbose_help)

    sp = command(
        sub,
        "ingest",
        "load worker shards into DuckDB (each once) and cluster",
        "Run it again and nothing is loaded twice. Also loads the shards a killed "
        "'reprints crawl --redis' left in <db dir>/.<db name>.shards/<crawl id>/.",
        ["reprints ingest --from /srv/shards --db data/my.duckdb"],
    )
    sp.add_argument(
        "--from",
        dest="from_dir",
        required=True,
        metavar="DIR",
        help="directory the workers wrote their shards to (their --out)",
    )
    db_arg(sp)
    sp.add_argument(
        "--sources", default=None, metavar="FILE", help="sources.toml (default: DIR/sources.toml)"
    )
