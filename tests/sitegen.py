"""Seeded generator of small sites, for the site-template stage's tests.

Why: a template rule fitted to pages someone looked at fails on the next web.  Each seed
composes a site from random parts (markup, class names or none, wrappers, article layout),
so no two seeds share a template, and says for every page what it holds:

- the article's own paragraphs;
- **shared** paragraphs: a few paragraphs the site repeats verbatim in 30-80 % of its
  articles, at a different place in each body (a legal explanation, a standard warning) -
  content, to be kept;
- **template** lines in the article container on most pages, each at one place per site,
  in words no phrase list knows: a promo line, a disclaimer, a "发布于 … IP 属地…" line whose
  date and province change, a slogan - chrome, to be cut.

Whole webs (link graphs, URL schemes, encodings) are tests/genweb's job, not this module's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from html import escape

# Neutral vocabulary: news prose about courts and technology, none of it a chrome phrase.
_WORDS = (
    "法院 审理 认为 被告 原告 公司 平台 用户 信息 技术 合同 约定 证据 事实 行为 责任 赔偿 损失 "
    "案件 判决 上诉 维持 证明 提供 使用 收集 处理 同意 权益 保护 规定 法律 条款 依法 主张 "
    "支持 驳回 请求 数据 软件 视频 图片 人脸 声音 模型 生成 合成 传播 发布 网络 账号 运营 "
    "服务 协议 期间 金额 万元 费用 经营 市场 消费者 监管 部门 调查 发现 相关 问题 情况 "
    "记者 了解 表示 介绍 指出 目前 今年 去年 近日 此前 随后 最终 进一步 明确 要求 加强 管理 "
    "规范 标准 行业 企业 专家 律师 学者 社会 公众 影响 风险 安全 隐私 算法 识别 应用 场景 "
    "城市 地区 居民 学校 医院 工作 生活 发展 建设 项目 计划 方案 措施 效果 结果 过程 时间"
).split()
_PROVINCES = "北京 上海 广东 浙江 江苏 四川 湖北 湖南 山东 河南 福建 陕西 云南 新疆 辽宁".split()
_CLASS_WORDS = (
    "wrap main content box inner col art txt body detail post entry block area cnt zw wz nr "
    "page layout grid row cell left right center mid text article story item panel w1200 con"
).split()
_NAV = "首页 国内 国际 财经 科技 法治 社会 体育 文化 教育 健康 汽车 房产 旅游".split()
TEMPLATE_KINDS = ("promo", "disclaimer", "dateline", "slogan")


def sentence(rng: random.Random, words: tuple[int, int] = (8, 18)) -> str:
    """A sentence of neutral prose."""
    n = rng.randint(*words)
    parts = [rng.choice(_WORDS) for _ in range(n)]
    cut = rng.randint(3, max(3, n - 3))
    return "".join(parts[:cut]) + "，" + "".join(parts[cut:]) + "。"


def paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 4)) -> str:
    return "".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def _class_name(rng: random.Random) -> str:
    return "-".join(rng.sample(_CLASS_WORDS, rng.randint(1, 2)))


def _attr(rng: random.Random, named: bool) -> str:
    return f' class="{_class_name(rng)}"' if named and rng.random() < 0.8 else ""


@dataclass
class TemplateLine:
    kind: str
    place: str  # "head" (above the body paragraphs) or "tail" (below them)
    tag: str  # how the site marks it up
    missing: float  # share of the site's pages that lack it (at most 15 %: "most pages")
    fixed: str = ""  # its words (empty: written per page, as the dateline is)
    attr: str = ""  # its class attribute, the same on every page

    def text(self, rng: random.Random) -> str:
        if self.kind == "dateline":
            day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
            return f"发布于 {day} {clock} IP 属地：{rng.choice(_PROVINCES)}"
        return self.fixed


@dataclass
class SitePage:
    html: str
    paragraphs: list[str]  # the article's own paragraphs, shared ones included, in order
    shared: list[str]  # the shared paragraphs this page carries
    template: dict[str, str]  # kind -> the template line this page carries


@dataclass
class Site:
    seed: int
    layout: str
    pages: list[SitePage] = field(default_factory=list)


def _template_lines(rng: random.Random, named: bool) -> list[TemplateLine]:
    name = "".join(rng.sample(_WORDS, 2))
    fixed = {
        "promo": f"{name}{sentence(rng, (5, 9))[:-1]}，{''.join(rng.sample(_WORDS, 3))}等你来！",
        "disclaimer": paragraph(rng, (2, 3)),
        "slogan": f"{name}·{''.join(rng.sample(_WORDS, 2))}",
        "dateline": "",
    }
    lines = []
    for kind in TEMPLATE_KINDS:
        place = "tail" if kind in ("disclaimer", "dateline") else rng.choice(("head", "tail"))
        tag = rng.choice(("p", "div", "span-p"))
        attr = _attr(rng, named)
        lines.append(TemplateLine(kind, place, tag, rng.uniform(0.0, 0.15), fixed[kind], attr))
    return lines


def _mark_up(lines: list[tuple[str, str, str]], layout: str) -> str:
    """The article container's inside: (text, tag, attribute) lines in the site's layout."""
    if layout == "br":
        return "<br><br>\n".join(escape(text) for text, _, _ in lines)
    out = []
    for text, tag, attr in lines:
        body = escape(text)
        if tag == "div":
            out.append(f"<div{attr}>{body}</div>")
        elif tag == "span-p":
            out.append(f"<p><span>{body}</span></p>")
        elif layout == "section":
            out.append(f"<section><p>{body}</p></section>")
        else:
            out.append(f"<p>{body}</p>")
    return "\n".join(out)


def _chrome(rng: random.Random, attrs: tuple[str, str]) -> tuple[str, str]:
    """A navigation bar and a sidebar of links (their links change, their markup does not)."""
    nav = "".join(f'<a href="/{i}.html">{w}</a> ' for i, w in enumerate(rng.sample(_NAV, 8)))
    links = "".join(
        f'<li><a href="/n/{rng.randint(1000, 9999)}.html">{sentence(rng, (4, 6))[:-1]}</a></li>'
        for _ in range(rng.randint(4, 8))
    )
    return f"<div{attrs[0]}>{nav}</div>", f"<div{attrs[1]}><ul>{links}</ul></div>"


@dataclass
class Shape:
    """How one site marks up its article pages: fixed for the site, whatever the story."""

    layout: str  # p | br | section
    wrappers: list[str]  # class attributes of the <div>s around the container, inside out
    template: list[TemplateLine]
    container: str  # div | article | td
    container_attr: str
    chrome_attrs: tuple[str, str]  # the navigation bar's and the sidebar's


def draw_shape(rng: random.Random) -> Shape:
    """A site's markup and template lines, in words no phrase list knows."""
    layout = rng.choice(("p", "br", "section"))
    named = rng.random() < 0.7
    wrappers = [_attr(rng, named) for _ in range(rng.randint(0, 3))]
    template = _template_lines(rng, named)
    container, container_attr = rng.choice(("div", "article", "td")), _attr(rng, named)
    chrome_attrs = (_attr(rng, named), _attr(rng, named))
    return Shape(layout, wrappers, template, container, container_attr, chrome_attrs)


def lacking_lines(shape: Shape, count: int, rng: random.Random) -> dict[str, set[int]]:
    """For each template line, the documents (of ``count``) that lack it."""
    return {
        line.kind: set(rng.sample(range(count), int(line.missing * count)))
        for line in shape.template
    }


def with_template(
    shape: Shape, body: list[str], lacks: set[str], rng: random.Random
) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """The container's (text, tag, attribute) lines: ``body`` and the template lines the page
    carries (all but the kinds in ``lacks``), and kind -> the template line it carries."""
    lines = [(text, "p", "") for text in body]
    kept: dict[str, str] = {}
    for line in shape.template:
        if line.kind in lacks:
            continue
        text = line.text(rng)
        kept[line.kind] = text
        if line.place == "head":
            lines.insert(0, (text, line.tag, line.attr))
        else:
            lines.append((text, line.tag, line.attr))
    return lines, kept


def render_page(
    shape: Shape, lines: list[tuple[str, str, str]], title: str, rng: random.Random
) -> str:
    """One page of the site: its chrome around the article container holding ``lines``."""
    inner = _mark_up(lines, shape.layout)
    if shape.container == "td":
        article = f"<table><tr><td{shape.container_attr}>{inner}</td></tr></table>"
    else:
        article = f"<{shape.container}{shape.container_attr}>{inner}</{shape.container}>"
    for attr in shape.wrappers:
        article = f"<div{attr}>{article}</div>"
    head, side = _chrome(rng, shape.chrome_attrs)
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{head}"
        f"<h1>{title}</h1>{article}{side}<div>© 2023 {escape(shape.template[3].fixed)}</div>"
        "</body></html>"
    )


def title_line(rng: random.Random) -> str:
    return sentence(rng, (4, 7))[:-1].replace("，", "")


def make_site(seed: int, pages: int | None = None) -> Site:
    """One site of 5-25 article pages (or ``pages``), all drawn from ``seed``."""
    rng = random.Random(seed)
    shape = draw_shape(rng)
    site = Site(seed, shape.layout)
    shared = [paragraph(rng) for _ in range(rng.randint(1, 3))]
    shared_share = [rng.uniform(0.3, 0.8) for _ in shared]
    count = pages or rng.randint(5, 25)
    lacking = lacking_lines(shape, count, rng)
    for number in range(count):
        body = [paragraph(rng) for _ in range(rng.randint(4, 12))]
        carried = []
        for text, share in zip(shared, shared_share, strict=True):
            if rng.random() < share:
                body.insert(rng.randint(0, len(body)), text)
                carried.append(text)
        lacks = {kind for kind, numbers in lacking.items() if number in numbers}
        lines, kept = with_template(shape, body, lacks, rng)
        html = render_page(shape, lines, title_line(rng), rng)
        site.pages.append(SitePage(html, body, carried, kept))
    return site
