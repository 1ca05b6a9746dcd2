"""Credit lines ("来源：南方都市报", "采写：南都记者 刘嫚 发自北京", "原标题：…"): out of the
text, into metadata.

Why it matters: a farm's copy differs from the original mostly by these lines, and the outlet
a copy credits is what ties it to its original.  A credit is recognised by its label at the
start of a short line (or a whole parenthesised line), never by a name list; names are then
normalised through the alias table in outlets.toml.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

try:  # Python >= 3.11
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

OUTLETS_PATH = Path(__file__).with_name("outlets.toml")
_SOURCE = r"文章来源|稿件来源|新闻来源|消息来源|内容来源|本文来源|信息来源|来源|出处|稿源"
_AUTHOR = r"作者|撰文|采写|采访|记者|文字|撰稿|整理|通讯员|实习生|见习记者|口述|编译|翻译|供稿|文"
_EDITOR = (
    r"责任编辑|责编|值班编辑|编辑|审核|校对|审校|编审|终审|二审|三审|初审|主编|监制|统筹|出品|制作"
    r"|摄影|摄像|图片|视频|图|策划|设计|海报"
)
_REPRINT = r"本文原标题|本文原题|原标题|原题"
_VIA = r"本文转载自|本文转自|本文来自|本文首发于|文章转自|转载自|转载于|转自|首发于|原文来自|原载于"
_LABEL = re.compile(rf"({_SOURCE}|{_REPRINT}|{_EDITOR}|{_AUTHOR})\s*[:：/｜|丨]\s*")
_ORIGINAL_TITLE = re.compile(rf"^[\[【（(]?\s*(?:{_REPRINT})")
_LINE = re.compile(
    rf"^[\[【（(]?\s*(?:{_SOURCE}|{_REPRINT}|{_EDITOR}|{_AUTHOR})\s*[:：/｜|丨]"
    rf"|^(?:{_VIA})\s*[:：]?\s*\S"
)
# "南都记者 刘嫚 发自北京", "本报记者 张三 李四", "（总台央视记者 奚丹霓 张赛）"
_REPORTER = re.compile(
    r"^[\[【（(□■◇◆●○▲△]?\s*(?P<outlet>[^\s，。,:：()（）]{0,12}?)\s*(?:见习|实习|特约|首席)?记者\s*"
    r"(?P<names>[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+[\u4e00-\u9fff·]{2,4}){0,4})"
    r"(?:\s*(?:发自|报道|摄影|摄|实习生|通讯员).{0,16})?\s*[\]】）)]?$"
)
_NEXT_FIELD = re.compile(r"发布|时间|日期|来源|责任编辑|编辑[:：]|浏览|点击|阅读|字体|【|\d{4}")
# Role words and placeholders that are not a person's name.
_NOT_A_NAME = re.compile(
    r"(记者|编辑|小编|通讯员|实习生|作者|admin|佚名|匿名|网友|本站|管理员|站长)$", re.I
)
_DATE_LEAD = re.compile(r"^\d{2,4}\s*[-/.年]\s*\d{1,2}")
_SENTENCE = re.compile(r"[。！？!?]")
_NAME_SPLIT = re.compile(r"[\s、，,;；/]+")
_NAME_JUNK = re.compile(r"(发自|报道|摄影|摄|图|文|供图|实习生|通讯员|记者|见习|首席|特约)")
_OWN_DESK = re.compile(r"^(本报|本刊|本台|本网|本站|我报|我台|我刊)$")
_OUTLET_SUFFIX = re.compile(
    r"(记者|讯|消息|报道|客户端|官方网站|官网|网站|官方微博|微博|微信公众号|公众号|APP)$"
)
_TRIM = "《》〈〉「」『』\"'“”‘’ ·-—|｜:：,，。()（）[]【】"


@dataclass
class Credits:
    """What the credit lines of one page say."""

    outlets: list[str] = field(default_factory=list)  # 来源：/转载自 values, in order
    reporter_outlets: list[str] = field(default_factory=list)  # "南都记者" -> "南都"
    bylines: list[str] = field(default_factory=list)
    reprint: bool = False  # 原标题 seen


# What an interview's questions and answers look like after their "记者：" label: a
# question or exclamation, or a sentence of several clauses.  A credit names people and
# outlets; it does not ask or tell.
_SPEECH = re.compile(r"[？?！!]|[，,].{12,}[。.]$")


def is_credit_line(line: str) -> bool:
    """A short line that credits a source, author, editor or original title."""
    s = unicodedata.normalize("NFKC", line).strip()
    if not s or len(s) > 120:
        return False
    label = _LINE.search(s)
    if label:
        if _ORIGINAL_TITLE.match(s):  # a headline may ask a question and run long
            return True
        return len(s) <= 80 and not _SPEECH.search(s[label.end() :])
    if _REPORTER.match(s):
        return True
    if _DATE_LEAD.match(s) and len(s) <= 90 and not _SENTENCE.search(s):
        return bool(re.search(rf"(?:{_SOURCE}|{_AUTHOR}|{_EDITOR})\s*[:：]", s))
    return False


def split_credits(lines: list[str]) -> tuple[list[str], list[str]]:
    """(body lines, credit lines): credit lines leave the text."""
    body: list[str] = []
    credits: list[str] = []
    for line in lines:
        (credits if is_credit_line(line) else body).append(line)
    return body, credits


def _clean_name(value: str) -> str:
    """An outlet name as credited: up to the first space, bracket or punctuation."""
    value = unicodedata.normalize("NFKC", value).strip().strip(_TRIM).strip()
    return re.split(r"\s|[，,;；【\[（(]", value)[0].strip(_TRIM)


def _names(value: str) -> list[str]:
    names = []
    value = re.split(r"通讯员|实习生|摄影|摄像|编辑", value)[0]
    for tok in _NAME_SPLIT.split(value):
        tok = tok.strip(_TRIM)
        if not tok or _NAME_JUNK.fullmatch(tok) or tok.startswith(("发自", "报道")):
            continue
        tok = re.sub(r"(报道|发自\S*|摄)$", "", tok)
        if 2 <= len(tok) <= 12:
            names.append(tok)
    return names


def parse_credit_text(text: str, credits: Credits | None = None) -> Credits:
    """Read outlets, reporter names and the reprint flag from credit text (any number of fields)."""
    credits = credits or Credits()
    s = unicodedata.normalize("NFKC", text).strip()
    for m in re.finditer(rf"(?:^|(?<=[\s（(【\[]))(?:{_VIA})\s*[:：]?\s*([^\s，。,；;]+)", s):
        credits.outlets.append(_clean_name(m.group(1)))
    reporter = _REPORTER.match(s)
    if reporter:
        _add_reporter(credits, reporter.group("outlet"), reporter.group("names"))
    parts = _LABEL.split(s)
    # parts = [prefix, label1, value1, label2, value2, ...]
    for label, value in zip(parts[1::2], parts[2::2], strict=False):
        # header regions keep text nodes apart with two spaces: a value ends there
        value = value.split("  ")[0].strip()
        if re.fullmatch(_REPRINT, label):
            credits.reprint = True
        elif re.fullmatch(_SOURCE, label):
            name = _clean_name(value)
            if name:
                credits.outlets.append(name)
        elif re.fullmatch(_AUTHOR, label):
            # a header line may run on into the next field ("… 发布时间：2025-03-20")
            value = _NEXT_FIELD.split(value)[0].strip()
            inner = _REPORTER.match(value)
            if inner:
                _add_reporter(credits, inner.group("outlet"), inner.group("names"))
            elif label not in ("通讯员", "实习生", "整理", "编译", "翻译", "供稿"):
                credits.bylines += _names(_clean_name(value) if label != "文" else value)
    return credits


_NAMES = r"(?P<names>[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+[\u4e00-\u9fff·]{2,4})*)"
# "本报讯（记者 王喆 通讯员 李玥）", "新京报讯（记者裴剑飞）", "据新华社拉萨电（记者 格桑边觉）"
# opening the first paragraph
_LEAD_REPORTER = re.compile(
    rf"^.{{0,20}}?(?:讯|电)\s*[（(]\s*(?:[^\s（()）]{{0,8}}?)记者\s*{_NAMES}"
)
# "……（信报记者 蔡雪婧）", "（总台记者 张倩）", "（姚峰 上海报道）" closing the last paragraph
_CLOSING_REPORTER = re.compile(
    rf"[（(]\s*(?:[^\s（()）]{{0,10}}?记者\s*{_NAMES}"
    rf"|{_NAMES.replace('names', 'names2')}\s+[\u4e00-\u9fff]{{0,6}}报道)\s*[)）]\s*$"
)


def lead_reporters(first_paragraph: str) -> list[str]:
    """Reporter names from a "XX讯（记者 …）" dateline opening the article (text stays)."""
    m = _LEAD_REPORTER.match(unicodedata.normalize("NFKC", first_paragraph))
    return _names(m.group("names")) if m else []


def closing_reporters(last_paragraph: str) -> list[str]:
    """Reporter names from a "（记者 …）" or "（… 上海报道）" credit that ends the article."""
    m = _CLOSING_REPORTER.search(unicodedata.normalize("NFKC", last_paragraph).rstrip())
    if not m:
        return []
    return _names(m.group("names") or m.group("names2"))


def _add_reporter(credits: Credits, outlet: str, names: str) -> None:
    outlet = outlet.strip(_TRIM)
    if outlet and not _OWN_DESK.match(outlet):
        credits.reporter_outlets.append(outlet)
    credits.bylines += _names(names)


@lru_cache(maxsize=2)
def _alias_table(path: str | None = None) -> tuple[dict[str, str], frozenset[str]]:
    data = tomllib.loads(Path(path or OUTLETS_PATH).read_text(encoding="utf-8"))
    table: dict[str, str] = {}
    for canonical, aliases in data["aliases"].items():
        for alias in [canonical, *aliases]:
            table[_outlet_key(alias)] = canonical
    ignore = frozenset(_outlet_key(n) for n in data.get("ignore", {}).get("names", []))
    return table, ignore


def _outlet_key(name: str) -> str:
    return re.sub(r"[\s《》〈〉「」\"'“”]", "", unicodedata.normalize("NFKC", name)).casefold()


def looks_like_person(name: str) -> bool:
    """A byline candidate that is not an outlet, a placeholder or a number."""
    table, ignore = _alias_table()
    key = _outlet_key(name)
    if not key or key in table or key in ignore or re.search(r"\d", name):
        return False
    if _NOT_A_NAME.search(name):
        return False
    return 2 <= len(name) <= 20 and not re.search(r"(网|报|社|台|新闻|日报|晚报|频道|中心)$", name)


def normalise_outlet(name: str | None) -> str | None:
    """Canonical outlet name via outlets.toml; unknown names come back cleaned; junk -> None."""
    if not name:
        return None
    cleaned = _clean_name(name)
    table, ignore = _alias_table()
    key = _outlet_key(cleaned)
    if not key or key in ignore or len(cleaned) > 30:
        return None
    if key in table:
        return table[key]
    # "人民网-人民日报", "成都商报-红星新闻": the last part that is known wins
    for part in reversed(re.split(r"[-—|｜/·]", cleaned)):
        if _outlet_key(part) in table:
            return table[_outlet_key(part)]
    # "南都记者" style prefixes and trailing "讯"/"消息"
    stripped = re.sub(
        r"(记者|讯|消息|报道|客户端|官方网站|官网|网站|官方微博|微博|微信公众号|公众号|APP)$",
        "",
        cleaned,
    )
    if _outlet_key(stripped) in table:
        return table[_outlet_key(stripped)]
    return cleaned
