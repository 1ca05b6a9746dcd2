"""How the main hostile host answers each bad path: one function per path, (site, handler,
query) -> None, writing straight to the handler (some answers are not valid HTTP)."""

from __future__ import annotations

import socket
import struct
import time

from tests.hostile import content

HANG_SECONDS = 90.0  # longer than any sane DOWNLOAD_TIMEOUT
RETRY_AFTER = 3
ROBOTS_MAIN = (
    b"User-agent: *\nDisallow: /private/\n\x00\xff\xfe junk line without a colon\n"
    b"Crawl-delay: soon\nDisallow /no-colon-here\nSitemap: ::::\n"
)
SITEMAP_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(2, 10))
    + '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    "<url><loc>{base}/t/sitemapped</loc></url><url><loc>&lol9;</loc></url></urlset>"
)


def _robots(site, h, q):
    h.send(200, ROBOTS_MAIN, "text/plain")


def _sitemap(site, h, q):
    h.send(200, SITEMAP_BOMB.replace("{base}", site.base()).encode(), "application/xml")


def _huge_stream(site, h, q):
    h.send(200, site.bodies["huge"], length=False)


def _bad_gzip(site, h, q):
    body = b"<html><body><p>these bytes are not gzip</p></body></html>"
    h.send(200, body, headers=(("Content-Encoding", "gzip"),))


def _redirect(target: str):
    def answer(site, h, q):
        h.send(302, b"", headers=(("Location", target),))

    return answer


def _number(q: dict) -> int:
    value = (q.get("n") or ["1"])[0]
    return int(value) if value.isdigit() else 1


def _grow(site, h, q):
    h.send(302, b"", headers=(("Location", f"/t/grow?n={_number(q) + 1}"),))


def _refresh(site, h, q):
    meta = f'<meta http-equiv="refresh" content="0; url=/t/refresh?n={_number(q) + 1}">'
    h.send(200, f"<html><head>{meta}</head><body>moving</body></html>".encode())


def _sleep(site, h, q):
    site.stopping.wait(HANG_SECONDS)


def _trickle(site, h, q):
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    deadline = time.monotonic() + HANG_SECONDS
    while not site.stopping.wait(0.5) and time.monotonic() < deadline:
        h.wfile.write(b" ")


def _reset(site, h, q):
    h.raw(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 200000\r\n\r\n")
    h.wfile.write(b"<html><body>" + b"x" * 20_000)
    time.sleep(0.2)
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()


def _short(site, h, q):
    h.raw(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
    h.wfile.write(b"<html><body>" + b"y" * 1000)


def _garbage(site, h, q):
    h.raw(b"SSH-2.0-OpenSSH_9.6\r\n\x00\xff\xfe not http at all\r\n\r\n" + bytes(range(256)))


def _headers(site, h, q):
    h.raw(
        b"HTTP/1.0 200 OK\r\nX-Junk: " + b"a" * 200_000 + b"\r\nContent-Type: text/html\r\n\r\n"
        b"<html><body>after the headers</body></html>"
    )


def _busy(site, h, q):
    site.count("busy")
    if time.monotonic() - site.first_seen["busy"] < RETRY_AFTER:
        h.send(429, b"slow down", "text/plain", headers=(("Retry-After", str(RETRY_AFTER)),))
    else:
        h.send(200, b"<html><body><p>thanks for waiting</p></body></html>")


def _flaky(site, h, q):
    if site.count("flaky") == 1:
        h.send(503, b"<html>try again</html>", headers=(("Retry-After", "1"),))
    else:
        h.send(200, content.page(content.MARATHON).encode())


def _body(key: str, ctype: str = "text/html; charset=utf-8"):
    def answer(site, h, q):
        h.send(200, site.bodies[key], ctype)

    return answer


def _fixed(status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers=()):
    def answer(site, h, q):
        h.send(status, body, ctype, headers=headers)

    return answer


ROUTES = {
    "/robots.txt": _robots,
    "/sitemap.xml": _sitemap,
    "/t/huge": _body("huge"),
    "/t/hugestream": _huge_stream,
    "/t/ninemb": _body("nine"),
    "/t/random": _body("random"),
    "/t/bomb": lambda site, h, q: h.send(
        200, site.bodies["bomb"], headers=(("Content-Encoding", "gzip"),)
    ),
    "/t/badgzip": _bad_gzip,
    "/t/loop": _redirect("/t/pool"),
    "/t/pool": _redirect("/t/loop"),
    "/t/grow": _grow,
    "/t/refresh": _refresh,
    "/t/sleep": _sleep,
    "/t/trickle": _trickle,
    "/t/reset": _reset,
    "/t/short": _short,
    "/t/garbage": _garbage,
    "/t/headers": _headers,
    "/t/nul": _fixed(200, content.with_nul_bytes(content.LIBRARY)),
    "/t/gbk": _fixed(200, content.gbk_bytes(content.BUS)),
    "/t/charset": _fixed(
        200, content.page(content.WEATHER).encode(), "text/html; charset=x-no-such-charset"
    ),
    "/t/empty": _fixed(200, b""),
    "/t/links": _body("links"),
    "/t/download": _fixed(200, content.PDF, "application/pdf"),
    "/t/busy": _busy,
    "/t/flaky": _flaky,
    "/t/broken": _fixed(500, b"<html>internal error</html>"),
    "/t/gone": _fixed(404, b"<html>gone</html>"),
    "/t/deep": _body("deep"),
    "/t/sitemapped": _fixed(200, b"<html><body><p>listed in the sitemap only</p></body></html>"),
    "/files/report.pdf": _fixed(200, content.PDF, "application/pdf"),
}
