"""Boilerplate blocks shared by the site templates: menus, tag clouds, scripts, footers.

Real Chinese portals wrap a few hundred characters of article in tens of kilobytes of
navigation, hot lists, inline scripts and legal footers.  These helpers generate that
noise deterministically (seeded by site and page) so extraction is exercised on realistic
link and text density rather than on a clean ``<p>`` list.
"""

from __future__ import annotations

import json
from functools import lru_cache

from crawler.demoweb.textops import attr, esc, pick, stable_int

CHANNELS = (
    "首页", "新闻", "国内", "国际", "社会", "法治", "财经", "科技", "数码", "汽车", "房产",
    "教育", "健康", "文旅", "体育", "娱乐", "时尚", "评论", "视频", "图片", "专题", "直播",
)  # fmt: skip
SUBCHANNELS = (
    "要闻", "滚动", "时政", "地方", "民生", "调查", "深度", "观察", "数据", "人物", "辟谣",
    "案件", "庭审", "普法", "政务", "城事", "互联网", "人工智能", "手机", "电脑", "家电",
    "理财", "股票", "基金", "楼市", "留学", "考试", "养生", "美食", "旅行", "电影", "音乐",
)  # fmt: skip
TAGS = (
    "人工智能", "AI换脸", "深度合成", "个人信息保护", "肖像权", "网络安全", "民法典", "互联网法院",
    "公益诉讼", "电信诈骗", "短视频", "生成式AI", "数据合规", "隐私", "检察院", "司法解释",
    "科研", "项目管理", "OA系统", "办公软件", "摄影", "数码相机", "装修", "理财", "留学",
    "考研", "健身", "美食", "旅游攻略", "汽车保养", "手机评测", "职场", "育儿", "养老",
)  # fmt: skip
PROVINCES = ("粤", "京", "浙", "豫", "鲁", "苏", "沪", "川", "闽", "湘")
FRIEND_LINKS = (
    "人民网", "新华网", "央视网", "中国网", "光明网", "中国日报网", "中新网", "环球网",
    "澎湃新闻", "界面新闻", "南方网", "大洋网", "金羊网", "凤凰网", "网易新闻", "搜狐新闻",
)  # fmt: skip


def icp_numbers(seed: str) -> tuple[str, str]:
    """A plausible ICP licence and public-security filing number for a site."""
    prov = pick(PROVINCES, "prov", seed)
    n = stable_int("icp", seed)
    return f"{prov}ICP备{n % 90000000 + 10000000}号-{n % 5 + 1}", f"{n % 90000 + 10000:05d}"


def footer(seed: str, name: str, extra: str = "") -> str:
    icp, police = icp_numbers(seed)
    prov = icp[0]
    links = "".join(
        f'<a href="http://www.example{stable_int(seed, f) % 97}.com/" rel="nofollow">{esc(f)}</a>'
        for f in FRIEND_LINKS[: 8 + stable_int("fl", seed) % 8]
    )
    return (
        f'<div class="friend-links"><span>友情链接：</span>{links}</div>'
        '<div class="copyright"><p>关于我们 | 联系我们 | 广告服务 | 网站地图 | 版权声明 | '
        "招聘信息</p>"
        f"<p>Copyright © 2009-2024 {esc(name)} All Rights Reserved. 版权所有 未经授权禁止转载</p>"
        f'<p><a href="https://beian.miit.gov.cn/" rel="nofollow">{icp}</a> '
        f"{prov}公网安备 {stable_int('pa', seed) % 90 + 10}0{police}号 "
        f"互联网新闻信息服务许可证：{stable_int('xk', seed) % 90000 + 10000} "
        f"违法和不良信息举报电话：12377</p>{extra}</div>"
    )


def nav(seed: str, href_for, size: int = 14, sub: int = 0) -> str:
    """A top menu of ``size`` channels (+ ``sub`` sub-channel links), hrefs from a callable."""
    start = stable_int("nav", seed) % 4
    items = [CHANNELS[0]] + list(CHANNELS[1 + start : 1 + start + size - 1])
    top = "".join(f'<li><a href="{attr(href_for(c))}">{esc(c)}</a></li>' for c in items)
    html = f'<ul class="nav-list">{top}</ul>'
    if sub:
        subs = [SUBCHANNELS[(stable_int("sub", seed) + i) % len(SUBCHANNELS)] for i in range(sub)]
        html += (
            '<ul class="sub-nav">'
            + "".join(f'<li><a href="{attr(href_for(s))}">{esc(s)}</a></li>' for s in subs)
            + "</ul>"
        )
    return html


def tag_cloud(seed: str, href_for, count: int = 20) -> str:
    start = stable_int("tags", seed) % len(TAGS)
    tags = [TAGS[(start + i) % len(TAGS)] for i in range(count)]
    return "".join(
        f'<a href="{attr(href_for(t))}" class="tag-link" style="font-size:'
        f'{10 + stable_int(seed, t) % 12}pt" aria-label="{attr(t)} ({stable_int(t) % 300} 个项目)">'
        f"{esc(t)}</a>"
        for t in tags
    )


def hot_list(heading: str, items: list[tuple[str, str]], numbered: bool = True) -> str:
    lis = "".join(
        f'<li>{f"<em>{i}</em>" if numbered else ""}<a href="{attr(href)}" '
        f'title="{attr(title)}">{esc(title)}</a></li>'
        for i, (title, href) in enumerate(items, 1)
    )
    return f'<div class="hot-box"><h3 class="box-title">{esc(heading)}</h3><ul>{lis}</ul></div>'


def share_bar(seed: str, label: str = "分享到：") -> str:
    names = ("微信", "新浪微博", "QQ空间", "QQ好友", "豆瓣", "复制链接")
    count = 3 + stable_int("share", seed) % 4
    links = "".join(
        f'<a href="javascript:;" class="share-{i}" data-cmd="s{i}" title="分享到{n}">{n}</a>'
        for i, n in enumerate(names[:count])
    )
    return f'<div class="share-bar bdsharebuttonbox"><span>{label}</span>{links}</div>'


def views(seed: str, low: int = 30, high: int = 90000) -> int:
    return low + stable_int("views", seed) % (high - low)


def analytics(seed: str) -> str:
    """The Baidu Tongji snippet nearly every Chinese site carries, plus a push script."""
    key = f"{stable_int('hm', seed):032x}"[:32]
    return (
        '<script>var _hmt = _hmt || [];(function() {var hm = document.createElement("script");'
        f'hm.src = "https://hm.baidu.com/hm.js?{key}";var s = document.getElementsByTagName('
        '"script")[0];s.parentNode.insertBefore(hm, s);})();</script>'
        "<script>(function(){var bp = document.createElement('script');var curProtocol = "
        "window.location.protocol.split(':')[0];if (curProtocol === 'https') {bp.src = "
        "'https://zz.bdstatic.com/linksubmit/push.js';}else{bp.src = "
        "'http://push.zhanzhang.baidu.com/push.js';}var s = document.getElementsByTagName("
        '"script")[0];s.parentNode.insertBefore(bp, s);})();</script>'
    )


def state_script(name: str, state: dict) -> str:
    """A server-rendered state blob (titles and all) as SPA-ish portals embed them."""
    blob = json.dumps(state, ensure_ascii=False).replace("</", "<\\/")
    return f"<script>window.{name} = {blob};</script>"


@lru_cache(maxsize=256)
def css(seed: str, rules: int = 40) -> str:
    """An inline stylesheet of ``rules`` deterministic rules."""
    props = ("margin", "padding", "font-size", "line-height", "color", "background", "border")
    sels = ("header", "nav", ".main", ".side", ".box", "li", "a", "h3", ".footer", ".tag-link")
    out = []
    for i in range(rules):
        n = stable_int("css", seed, i)
        sel = f"{sels[n % len(sels)]}.c{n % 997}"
        prop = props[(n >> 8) % len(props)]
        value = f"#{n % 0xFFFFFF:06x}" if prop in ("color", "background") else f"{n % 24}px"
        out.append(f"{sel}{{{prop}:{value}}}")
    return "<style>" + "".join(out) + "</style>"


@lru_cache(maxsize=64)
def minified_js(seed: str, size: int) -> str:
    """Filler that looks like a bundled ad/tracking library, about ``size`` bytes."""
    parts, total, i = [], 0, 0
    while total < size:
        n = stable_int("js", seed, i)
        chunk = (
            f"function _{n % 99991:x}(e,t){{var n=e[{n % 17}]||{{}};return t?n[t]:"
            f'n.hasOwnProperty("k{n % 113}")?n.k{n % 113}:void 0}}'
            f'window.__ad_{n % 509}={{id:{n % 100000},slot:"s{n % 37}",w:{n % 900},h:{n % 300}}};'
        )
        parts.append(chunk)
        total += len(chunk)
        i += 1
    return "<script>" + "".join(parts) + "</script>"


def page(
    lang_head: str, body: str, charset: str = "utf-8", doctype: str = "<!DOCTYPE html>"
) -> str:
    """Assemble a document from an already-rendered head interior and body."""
    return (
        f'{doctype}\n<html lang="zh-CN"><head>\n<meta charset="{charset}">\n{lang_head}\n'
        f"</head>\n<body>\n{body}\n</body></html>\n"
    )


# Editor names on purpose include 玥/堃/镕, which GBK has but GB2312 does not.
EDITORS = ("王玥", "李堃", "陈镕", "张雯", "刘一鸣", "赵晓", "周玥", "黄堃")


def editor(seed: str) -> str:
    return pick(EDITORS, "editor", seed)


def offsite(domain: str):
    """An href factory pointing at another host of the same group (never crawled here)."""

    def href(label: str) -> str:
        return "/" if label == "首页" else f"https://{domain}/channel/c{stable_int(label) % 9000}/"

    return href
