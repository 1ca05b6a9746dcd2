"""Page furniture for the mini-web: scripts, menus, footers, ad slots, share bars.

Independent of ``crawler.demoweb.chrome`` on purpose (other wording, other markup), so the
extractor meets furniture it was not developed against.  Everything is a pure function of
its seed, so phase 1 and phase 2 render the same bytes.
"""

from __future__ import annotations

from crawler.demoweb.textops import attr, esc, stable_int

_JS_WORDS = (
    "function", "var", "return", "document", "window", "push", "length", "createElement",
    "getElementById", "addEventListener", "setTimeout", "Math.random", "encodeURIComponent",
    "location.href", "navigator.userAgent", "JSON.stringify", "innerHTML", "appendChild",
)  # fmt: skip
MENU = (
    "首页", "要闻", "国内", "国际", "社会", "法治", "财经", "科技", "汽车", "房产", "教育",
    "健康", "旅游", "体育", "娱乐", "评论", "图片", "视频", "专题", "数读", "政务", "公益",
)  # fmt: skip
LINKS_OUT = ("人民网", "新华网", "中国网", "光明网", "央广网", "中国青年网", "长江网", "大众网")


def script(seed: str, size: int) -> str:
    """A minified-looking inline script of about ``size`` characters."""
    parts, n = [], 0
    i = 0
    while n < size:
        w = _JS_WORDS[stable_int(seed, "js", i) % len(_JS_WORDS)]
        piece = f"{w}(_0x{stable_int(seed, i) % 0xFFFFF:05x},{i % 97});"
        parts.append(piece)
        n += len(piece)
        i += 1
    return "<script>" + "".join(parts) + "</script>"


def stylesheet(seed: str, rules: int) -> str:
    body = "".join(
        f".c{stable_int(seed, 'css', i) % 9999}{{margin:{i % 7}px;color:#{i * 3 % 999:03d}}}"
        for i in range(rules)
    )
    return f"<style>{body}</style>"


def analytics(site_id: str) -> str:
    return (
        "<script>var _hmt=_hmt||[];(function(){var hm=document.createElement('script');"
        f"hm.src='https://hm.baidu.com/hm.js?{stable_int('hm', site_id):016x}';"
        "var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(hm,s);})();"
        "</script>"
    )


def menu(seed: str, href, first: int = 0, count: int = 14) -> str:
    items = MENU[first : first + count]
    return "".join(
        f'<li><a href="{attr(href(i, m))}">{esc(m)}</a></li>' for i, m in enumerate(items)
    )


def offsite(domain: str):
    """An href factory for menu items that leave the site (never crawled)."""
    return lambda i, m: f"https://{domain}/{stable_int(domain, m) % 900 + 100}/"


def footer(seed: str, name: str) -> str:
    n = stable_int("icp", seed)
    links = " | ".join(
        f'<a href="http://www.{stable_int(seed, x) % 89}link.cn/" target="_blank">{esc(x)}</a>'
        for x in LINKS_OUT
    )
    return (
        f'<div class="links">合作媒体：{links}</div>'
        f"<p>本网站由{esc(name)}主办 联系电话：027-8{n % 10000000:07d} "
        f"电子邮箱：service@{seed}.cn</p>"
        f"<p>Copyright © 2012-2025 {esc(name)} 保留所有权利 "
        f'<a href="https://beian.miit.gov.cn/">鄂ICP备{n % 9000000 + 1000000}号-1</a></p>'
    )


def ad_slot(seed: str, text: str) -> str:
    return (
        f'<div class="gg-box" id="gg_{stable_int(seed, "gg") % 9999}"><a href="javascript:;">'
        f"{esc(text)}</a></div>"
    )


def views(seed: str, low: int = 200, high: int = 60000) -> int:
    return low + stable_int("views", seed) % (high - low)


def pick_many(seq, count: int, *seed: object) -> list:
    """``count`` distinct elements of ``seq``, deterministically ordered by ``seed``."""
    ordered = sorted(range(len(seq)), key=lambda i: stable_int(*seed, i))
    return [seq[i] for i in ordered[: min(count, len(seq))]]
