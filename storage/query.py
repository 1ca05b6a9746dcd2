"""Read-only SQL for users, and the numbers ``reprints stats`` prints.

``reprints sql`` accepts only queries (SELECT, WITH, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN):
anything that writes, attaches, copies out, installs or loads is refused before it runs, and
the connection is read-only with file and network access switched off as a second fence.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from decimal import Decimal

import duckdb

from storage.db import reader
from storage.timefmt import iso, zoned_views

ALLOWED = {"SELECT", "EXPLAIN"}
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S", re.IGNORECASE)


class QueryRefused(ValueError):
    """The SQL is not a read-only query."""


def check_read_only(con: duckdb.DuckDBPyConnection, query: str) -> None:
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        raise QueryRefused(f"SQL error: {str(exc).strip().splitlines()[0]}") from None
    if not statements:
        raise QueryRefused("empty query")
    for st in statements:
        if st.type.name not in ALLOWED:
            # named as the user wrote it: DuckDB files INSTALL under LOAD, SUMMARIZE under
            # SELECT, so the statement type alone would name the wrong thing
            text = " ".join(st.query.split()).rstrip(";")
            keyword = text.split(" ", 1)[0].upper() if text else st.type.name
            shown = text if len(text) <= 60 else text[:59] + "…"
            raise QueryRefused(
                f'refused: {keyword} ("{shown}"): reprints sql is read-only '
                "(SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)"
            )


def run_query(db_path: str, query: str) -> tuple[list[str], list[tuple]]:
    with reader(db_path, safe=True) as con:
        check_read_only(con, query)
        zoned_views(con)  # every time with its offset, whatever the query does with it
        try:
            cur = con.execute(query)
            columns = [d[0] for d in cur.description] if cur.description else []
            return columns, cur.fetchall()
        except duckdb.Error as exc:
            raise QueryRefused(f"SQL error: {str(exc).strip().splitlines()[0]}") from None


def _jsonable(v):
    if isinstance(v, datetime | date):
        return iso(v)
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, bytes):
        return v.hex()
    return v


def format_rows(columns: list[str], rows: list[tuple], fmt: str, width: int = 60) -> str:
    if fmt == "json":
        return json.dumps(
            [{c: _jsonable(v) for c, v in zip(columns, r, strict=True)} for r in rows],
            ensure_ascii=False,
            indent=1,
            default=str,
        )
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows([[_jsonable(v) for v in r] for r in rows])
        return buf.getvalue().rstrip("\n")
    cells = [[_cell(v, width) for v in r] for r in rows]
    cut = any(
        c != _text(v) for r, cr in zip(rows, cells, strict=True) for v, c in zip(r, cr, strict=True)
    )
    widths = [max([_w(c)] + [_w(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [" | ".join(_pad(c, widths[i]) for i, c in enumerate(columns))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(_pad(v, widths[i]) for i, v in enumerate(r)) for r in cells]
    note = f"({len(rows)} row{'s' if len(rows) != 1 else ''}"
    if cut:
        note += f"; values longer than {width} columns end in …: --format csv shows them whole"
    lines.append(note + ")")
    return "\n".join(lines)


def _w(s: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _w(s))


def _text(v) -> str:
    if isinstance(v, list | tuple):
        return " ".join(_text(x) for x in v)
    return "NULL" if v is None else str(_jsonable(v)).replace("\n", " ")


def _cell(v, width: int) -> str:
    """The value as one line, cut at ``width`` columns; never a value holding a URL, which
    must stay whole to be copied (the terminal wraps or scrolls it)."""
    s = _text(v)
    if _URL.search(s):
        return s
    out, w = [], 0
    for ch in s:
        w += 2 if ord(ch) > 0x2E80 else 1
        if w > width:
            out.append("…")
            break
        out.append(ch)
    return "".join(out)


STATS_QUERIES = {
    "pages": "SELECT count(*) FROM pages",
    "pages_ok": "SELECT count(*) FROM pages WHERE status BETWEEN 200 AND 299",
    "pages_failed": "SELECT count(*) FROM pages "
    "WHERE error IS NOT NULL OR status >= 400 OR status = 0",
    "articles": "SELECT count(*) FROM articles",
    "articles_on_topic": "SELECT count(*) FROM articles WHERE on_topic",
    "clusters": "SELECT count(*) FROM clusters",
    "stories": "SELECT count(*) FROM canonical_articles",
    "stories_with_copies": "SELECT count(*) FROM canonical_articles WHERE copies > 0",
    "copies": "SELECT coalesce(sum(copies), 0) FROM canonical_articles",
}


def stats(db_path: str) -> dict:
    with reader(db_path, safe=True) as con:
        zoned_views(con)
        out = {k: con.execute(q).fetchone()[0] for k, q in STATS_QUERIES.items()}
        out["by_source"] = [
            dict(zip(("source", "role", "articles", "on_topic", "canonical"), r, strict=True))
            for r in con.execute(
                "SELECT source, any_value(role), count(*), count(*) FILTER (on_topic), "
                "count(*) FILTER (is_canonical AND on_topic) FROM articles GROUP BY source "
                "ORDER BY source"
            ).fetchall()
        ]
        out["last_run"] = con.execute(
            "SELECT kind, finished_at FROM runs ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
        crawl = con.execute(
            "SELECT summary FROM runs WHERE kind = 'crawl' ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
    # what each source did in the last crawl: answered pages, failures by reason
    out["sources_last_crawl"] = (json.loads(crawl[0]) or {}).get("sources", []) if crawl else []
    return out
