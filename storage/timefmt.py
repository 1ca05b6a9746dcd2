"""Which zone each stored time is in, and how times are shown: ISO 8601 with an offset.

The database stores naive TIMESTAMPs (changing the column types would break every existing
file and every reader of them), in two zones:

* ``published_at`` (and ``clusters.first_published_at``, the earliest of them) is the time
  printed on the page, as written.  Chinese news sites print China Standard Time without
  saying so, and the extractor keeps the wall-clock time and drops any offset, so these are
  read as ``PUBLISHED_TZ``.  A page that states another zone is stored in its own wall-clock
  time all the same (a known limit, README "Times").
* every other time (``fetched_at``, ``first_seen_at``, ``runs``, ``ingested_shards``, ...)
  is written by ``storage.writes.utcnow``: UTC.

Readers that show times to a user (``sql``, ``export``, ``stats``, the report) call
``zoned_views``: each table with TIMESTAMP columns is shadowed, for that connection only, by
a temporary view of the same name whose columns are TIMESTAMPTZ in their real zone.  So any
query a user writes, through any alias or expression (``date_trunc('month', published_at)``,
the ``canonical_articles`` view), returns instants with an offset, shown in
``DISPLAY_TZ``.  Nothing in the file changes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import duckdb

PUBLISHED_TZ = "Asia/Shanghai"  # China Standard Time, UTC+08:00 all year (no DST since 1991)
# Shown in the zone the stories were published in: a day in ``published_at::DATE`` or
# ``date_trunc`` is then the day printed on the page, not the UTC day.
DISPLAY_TZ = PUBLISHED_TZ
PUBLISHED_COLUMNS = {"articles": {"published_at"}, "clusters": {"first_published_at"}}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def zoned_views(con: duckdb.DuckDBPyConnection) -> None:
    """Shadow every table's naive TIMESTAMP columns with TIMESTAMPTZ ones (see module)."""
    con.execute(f"SET TimeZone = '{DISPLAY_TZ}'")
    catalog = con.execute("SELECT current_database()").fetchone()[0]
    rows = con.execute(
        "SELECT c.table_name, c.column_name FROM information_schema.columns c "
        "JOIN information_schema.tables t USING (table_catalog, table_schema, table_name) "
        "WHERE c.table_catalog = current_database() AND c.table_schema = 'main' "
        "AND t.table_type = 'BASE TABLE' AND c.data_type = 'TIMESTAMP' "
        "ORDER BY c.table_name, c.ordinal_position"
    ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        columns.setdefault(table, []).append(column)
    for table, names in columns.items():
        zoned = ", ".join(
            f"timezone('{_zone_of(table, n)}', {_quote(n)}) AS {_quote(n)}" for n in names
        )
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {_quote(table)} AS SELECT * REPLACE ({zoned}) "
            f"FROM {_quote(catalog)}.main.{_quote(table)}"
        )


def _zone_of(table: str, column: str) -> str:
    return PUBLISHED_TZ if column in PUBLISHED_COLUMNS.get(table, ()) else "UTC"


def iso(value: datetime | date) -> str:
    """ISO 8601; a datetime with a zone carries its offset (``2023-06-29T17:55:00+08:00``)."""
    return value.isoformat()


def shown(naive: datetime | None, stored_zone: str) -> datetime | None:
    """A naive stored time as an aware one in ``DISPLAY_TZ``."""
    if naive is None:
        return None
    zone = UTC if stored_zone == "UTC" else ZoneInfo(stored_zone)
    return naive.replace(tzinfo=zone).astimezone(ZoneInfo(DISPLAY_TZ))


def iso_published(naive: datetime | None) -> str | None:
    """A ``published_at`` as stored (naive, PUBLISHED_TZ) in ISO 8601 with its offset."""
    value = shown(naive, PUBLISHED_TZ)
    return None if value is None else iso(value)


def now() -> datetime:
    return datetime.now(ZoneInfo(DISPLAY_TZ))
