"""``reprints`` command line.  Bad input gets one clear line on stderr and a non-zero exit
(2 for usage/config errors, 1 for storage or runtime errors), never a traceback."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from crawler.cli_parser import DEFAULT_DB, DEMO_DB, build_parser
from crawler.shared.crawl import SharedStateError
from crawler.sources import ConfigError, load_sources
from storage.db import StorageError


class UsageError(ValueError):
    pass


def _sets(pairs: list[str] | None) -> dict[str, str]:
    """``--set NAME=VALUE`` pairs, each checked against the type its setting is read as, so a
    wrong value is one line here instead of tracebacks from inside the crawl."""
    from crawler.setting_types import check

    out = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name or not name.replace("_", "").isalnum():
            raise UsageError(f"--set {pair!r}: expected NAME=VALUE, e.g. --set DOWNLOAD_DELAY=0")
        problem = check(name, value)
        if problem:
            raise UsageError(f"--set {name}={value}: {problem}")
        out[name] = value
    return out


def existing_db(path: str) -> str:
    """``path`` if the database is there; refused the way every reading command refuses it,
    pointing at the demo's database when the user ran ``make demo`` and left out ``--db``."""
    if Path(path).exists():
        return path
    hint = ""
    if path == DEFAULT_DB and Path(DEMO_DB).exists():
        hint = f"; 'make demo' wrote {DEMO_DB}: add --db {DEMO_DB}"
    raise StorageError(f"{path}: no such database (run 'reprints crawl' first){hint}")


def cmd_crawl(args) -> int:
    config = load_sources(args.sources)  # before the heavy imports: bad config fails fast
    overrides = _sets(args.set)
    from crawler.cli_scaleout import check_workers

    workers = check_workers(args.redis, args.workers)
    if workers is not None:
        from crawler.scaleout import crawl_scaled

        sets = [*(args.set or []), *(["REPRINTS_VERBOSE=True"] if args.verbose else [])]
        summary = crawl_scaled(config, args.db, overrides, args.redis, workers, sets)
    else:
        from crawler.run import crawl

        summary = crawl(config, args.db, overrides, verbose=args.verbose)
    print("\n".join(summary.lines()))
    if not summary.any_source_worked:
        print("reprints: no source answered (see 'sources:' above)", file=sys.stderr)
        return 1
    return 0


def cmd_schedule(args) -> int:
    from crawler.scheduler import CrawlSchedule, make_trigger

    if bool(args.every) == bool(args.cron):
        raise UsageError("give exactly one of --every or --cron")
    load_sources(args.sources)
    _sets(args.set)
    trigger = make_trigger(args.every, args.cron)
    crawl_args = ["--sources", args.sources, "--db", args.db]
    for pair in args.set or []:
        crawl_args += ["--set", pair]
    if args.verbose:
        crawl_args.append("--verbose")
    return CrawlSchedule(crawl_args, trigger, max_runs=args.max_runs).start()


def cmd_dedupe(args) -> int:
    from dedupe.config import DedupeConfig, config_for_threshold

    if args.threshold is not None and not 0.0 < args.threshold <= 1.0:
        raise UsageError(f"--threshold {args.threshold}: must be in (0, 1]")
    if bool(args.input) != bool(args.out):
        raise UsageError("--input and --out go together")
    if args.input:
        from dedupe.jsonl import run_jsonl

        counts = run_jsonl(args.input, args.out, args.threshold, err=sys.stderr)
        shown = {k: v for k, v in counts.items() if not isinstance(v, dict)}
        print(", ".join(f"{k}: {v}" for k, v in shown.items()))
        return 0
    from storage.clustering import recluster

    cfg = DedupeConfig() if args.threshold is None else config_for_threshold(args.threshold)
    summary = recluster(existing_db(args.db), cfg)
    print(f"articles: {summary.articles}")
    print(summary.line())
    return 0


def cmd_extract(args) -> int:
    from pipelines.extract_cli import run_extract

    return run_extract(args.paths, args.url, args.out)


def cmd_sql(args) -> int:
    from storage.query import format_rows, run_query

    columns, rows = run_query(existing_db(args.db), args.query)
    print(format_rows(columns, rows, args.format))
    return 0


def cmd_export(args) -> int:
    from storage.export import export

    n = export(existing_db(args.db), args.format, args.out, all_copies=args.all_copies)
    print(f"exported {n} records to {args.out}")
    return 0


def cmd_stats(args) -> int:
    from storage.query import stats

    s = stats(existing_db(args.db))
    if args.json:
        print(json.dumps(s, ensure_ascii=False, default=lambda v: v.isoformat(), indent=1))
        return 0
    print(f"pages: {s['pages']} ({s['pages_ok']} ok, {s['pages_failed']} failed)")
    print(f"articles: {s['articles']} ({s['articles_on_topic']} on topic)")
    print(
        f"clusters: {s['clusters']}; stories on topic: {s['stories']} "
        f"({s['stories_with_copies']} copied, {s['copies']} copies in all)"
    )
    for row in s["by_source"]:
        print(
            f"  {row['source']:<16} {row['role']:<9} articles {row['articles']:>5}  "
            f"on topic {row['on_topic']:>4}  canonical {row['canonical']:>4}"
        )
    if s["sources_last_crawl"]:
        from crawler.summary import SourceState, source_lines

        states = [SourceState(**state) for state in s["sources_last_crawl"]]
        print("\n".join(source_lines(states, "sources in the last crawl")))
    if s["last_run"]:
        kind, finished = s["last_run"]
        print(f"last run: {kind} finished {finished.isoformat(timespec='seconds')}")
    return 0


def cmd_demo(args) -> int:
    from crawler.demo import run_demo

    return run_demo(args.db, serve=args.serve, verbose=args.verbose)


def cmd_report(args) -> int:
    from storage.report import write_report
    from storage.report.i18n import default_lang

    lang = args.lang or default_lang()
    n = write_report(existing_db(args.db), args.out, story=args.story, lang=lang)
    print(f"report of {n} stor{'y' if n == 1 else 'ies'} written to {args.out}")
    return 0


def cmd_serve(args) -> int:
    from storage.report import serve
    from storage.report.i18n import default_lang

    serve(existing_db(args.db), args.port, lang=args.lang or default_lang())
    return 0


COMMANDS = {
    "crawl": cmd_crawl,
    "schedule": cmd_schedule,
    "dedupe": cmd_dedupe,
    "extract": cmd_extract,
    "sql": cmd_sql,
    "export": cmd_export,
    "stats": cmd_stats,
    "report": cmd_report,
    "serve": cmd_serve,
    "demo": cmd_demo,
}


def run_command(args) -> int:
    from crawler.cli_scaleout import cmd_ingest, cmd_worker

    func = COMMANDS.get(args.command) or {"worker": cmd_worker, "ingest": cmd_ingest}[args.command]
    return func(args)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run_command(args)
    except (ConfigError, UsageError) as exc:
        print(f"reprints: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        shown = f"{exc.filename}: file not found" if exc.filename else str(exc)
        print(f"reprints: {shown}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"reprints: {exc}", file=sys.stderr)
        return 2
    except (StorageError, SharedStateError) as exc:
        print(f"reprints: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reprints: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(
            f"reprints: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # never a traceback for the user; REPRINTS_DEBUG=1 shows it
        if os.environ.get("REPRINTS_DEBUG"):
            raise
        text = str(exc).strip().splitlines()
        print(f"reprints: {text[0] if text else type(exc).__name__}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
