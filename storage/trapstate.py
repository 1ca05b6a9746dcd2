"""What the trap guard learned, kept between crawls.

A re-crawl that started its trap guard from nothing would probe every calendar, search and
filter space again, as many requests as the first crawl spent finding them barren.  So the
guard's counts are written when a crawl ends and read when the next one starts
(``TrapGuard.restore`` decides what they mean under the probation then in force).
"""

from __future__ import annotations

import pyarrow as pa

from storage.db import writer
from storage.writes import utcnow

COLUMNS = [("shape", pa.string()), ("issued", pa.int32()), ("extra", pa.int32())]


def save_trap_state(db_path: str, rows: list[tuple[str, int, int]]) -> None:
    """Upsert (shape, issued, extra) rows; shapes this crawl did not meet keep theirs."""
    if not rows:
        return
    names = [name for name, _ in COLUMNS]
    batch = pa.table(  # noqa: F841  (read by DuckDB by name)
        {name: [r[i] for r in rows] for i, name in enumerate(names)},
        schema=pa.schema(COLUMNS),
    )
    with writer(db_path) as con:
        con.execute(
            """
            INSERT INTO trap_shapes (shape, issued, extra, updated_at)
            SELECT shape, issued, extra, ? FROM batch
            ON CONFLICT (shape) DO UPDATE SET
                issued = excluded.issued, extra = excluded.extra,
                updated_at = excluded.updated_at
            """,
            [utcnow()],
        )


def load_trap_state(con) -> list[tuple[str, int, int]]:
    """(shape, issued, extra) rows through an open connection; none in an older database."""
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    if "trap_shapes" not in tables:
        return []
    return con.execute("SELECT shape, issued, extra FROM trap_shapes").fetchall()
