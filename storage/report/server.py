"""``reprints serve``: the report's pages served live while crawls keep adding data.

Every request opens the database read-only for the time of one query and closes it again
(``storage.db.reader``), so a crawl can write between two page views and the next view shows
its articles.  Story pages compute their diffs on demand; the overview does not need them.
Only loopback by default: the pages show whatever the crawled sites wrote.
"""

from __future__ import annotations

import re
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from storage.db import StorageError
from storage.report.assets import document
from storage.report.build import overview_document, story_document
from storage.report.data import load_stories, load_story, read
from storage.report.i18n import Labels
from storage.report.model import build_report, build_story

STORY_PATH = re.compile(r"/story/(\d{1,18})/?")


def render(db_path: str, path: str, t: Labels) -> tuple[int, str]:
    """(status, html) for a request path; StorageError when the database cannot be read."""
    if path in ("", "/"):
        report = build_report(read(db_path, load_stories, False), with_diffs=False)
        return 200, overview_document(report, Path(db_path).name, t)
    m = STORY_PATH.fullmatch(path)
    if m:
        rows = read(db_path, load_story, int(m.group(1)))
        if rows is not None:
            return 200, story_document(build_story(rows, with_diffs=True), "/", t)
    return 404, _message(t("doc.not_found"), t("doc.not_found_text"), "/", t)


def _message(title: str, text: str, home: str | None, t: Labels) -> str:
    link = f' <a href="{home}">{t("doc.back_home")}</a>' if home else ""
    return document(title, f"<h1>{escape(title)}</h1><p>{escape(text)}{link}</p>", t)


class ReportHandler(BaseHTTPRequestHandler):
    server_version = "reprints-report"

    def do_GET(self) -> None:  # noqa: N802  (http.server's naming)
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        try:
            status, html = render(self.server.db_path, urlsplit(self.path).path, self.server.t)
        except StorageError as exc:
            t = self.server.t
            status, html = 503, _message(t("doc.db_unreadable"), str(exc), None, t)
        body = html.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        """Quiet: a page view is not news."""


class ReportServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], db_path: str, lang: str = "zh") -> None:
        self.db_path = db_path
        self.t = Labels(lang)
        super().__init__(address, ReportHandler)


def make_server(db_path: str, port: int, host: str = "127.0.0.1", lang: str = "zh") -> ReportServer:
    """A bound server (port 0 picks a free one); the database must already be readable."""
    read(db_path, lambda con: con.execute("SELECT count(*) FROM clusters").fetchone())
    try:
        return ReportServer((host, port), db_path, lang)
    except OSError as exc:
        raise ValueError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(db_path: str, port: int, host: str = "127.0.0.1", lang: str = "zh") -> None:
    """Serve ``/`` (overview) and ``/story/<cluster id>`` until Ctrl-C."""
    server = make_server(db_path, port, host, lang)
    bound_host, bound_port = server.server_address[:2]
    print(f"serving {db_path} at http://{bound_host}:{bound_port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
