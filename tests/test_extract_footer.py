"""A report's paragraph that names copyright is article text; a site's notice is its footer
(pipelines/extract/footer.py, read by density.py's block values).

The class: a short paragraph of a report on a copyright case ("…审结一起著作权侵权纠纷案…",
"…版权所有…") scored as a footer, so on a short page (page 1 of a split article) the main
node became the paragraph after it and the lead was lost.  Instances vary the word, the
paragraph's place (first, middle, last), the markup (<p>, <section>, <div>), and the lengths;
the notices (one word per sentence, beside an address or a row of links) stay footers.
"""

from __future__ import annotations

import lxml.html
import pytest

from pipelines.extract import extract_page
from pipelines.extract.footer import is_footer

_LEADS = {
    "著作权": "2024年9月14日，昆山市人民法院审结一起著作权侵权纠纷案，"
    "某公司被判赔偿权利人经济损失8万元。",
    "版权所有": "法院认定，涉案剧集版权所有人为原告，"
    "被告未经许可在平台上提供在线播放服务，构成侵权。",
}
_OTHERS = [
    "法院审理查明，被告平台通过用户上传的方式提供涉案剧集的在线播放，点击量累计达数百万次。",
    "被告辩称其仅提供信息存储空间服务，但法院认为被告对涉案剧集进行了编辑推荐。",
]
_FOOT = (
    '<div class="foot"><p><a href="/a">关于我们</a> | <a href="/c">联系我们</a></p>'
    "<p>本站版权所有，转载请注明出处。</p>"
    "<p>地址：北京市朝阳区大屯路甲11号 电话：010-1234</p></div>"
)


def _page(paras: list[str], tag: str) -> str:
    body = "".join(f"<{tag}>{p}</{tag}>" for p in paras)
    return (
        "<html><head><title>剧集盗播案宣判</title></head><body>"
        '<div class="nav"><a href="/">首页</a> &gt; <a href="/n">新闻</a></div>'
        f'<div class="main"><h1>剧集盗播案宣判</h1><div class="text">{body}'
        '<p><a href="/n/2.html">下一页 &gt;</a></p></div></div>'
        f"{_FOOT}</body></html>"
    )


@pytest.mark.parametrize("word", sorted(_LEADS))
@pytest.mark.parametrize("place", [0, 1, 2])
@pytest.mark.parametrize("tag", ["p", "section", "div"])
def test_a_paragraph_naming_copyright_stays_in_a_short_page(word: str, place: int, tag: str):
    paras = list(_OTHERS)
    paras.insert(place, _LEADS[word])
    page2 = _page(["法院判决被告立即停止传播涉案作品，并赔偿原告经济损失及合理开支。"] * 3, tag)
    out = extract_page([_page(paras, tag).encode(), page2.encode()], "http://t.test/n/1.html")
    for para in paras:
        assert para in out.text, (para, out.text)
    assert "转载请注明出处" not in out.text


def _block(html: str, index: int):
    root = lxml.html.fromstring(html)
    return [el for el in root.iter() if el.tag in ("p", "div")][index]


def test_a_notice_is_a_footer_wherever_it_stands_but_a_report_paragraph_is_not():
    notice = "本站版权所有，转载请注明出处。"
    foot = _block(_FOOT, 2)
    assert is_footer(foot.text_content(), foot)  # beside a row of links and an address
    assert is_footer(notice)  # no neighbours known
    assert is_footer("Copyright © 2024 某网 京ICP备05018号", _block(_FOOT, 2))
    html = "<div>" + "".join(f"<p>{p}</p>" for p in [_OTHERS[0], _LEADS["著作权"]]) + "</div>"
    lead = _block(html, 2)
    assert not is_footer(lead.text_content(), lead)
    # alone, the word once in 45 characters: its date and sum make it a report all the same
    assert not is_footer(lead.text_content())
    # a notice under the article in a box of its own markup is a footer beside prose too
    html = f"<div><p>{_OTHERS[0]}</p><p class='note'>本站版权所有，转载请注明出处。</p></div>"
    note = _block(html, 2)
    assert is_footer(note.text_content(), note)
