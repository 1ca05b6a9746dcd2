"""Unit tests for furniture words that also name main containers, and consent notices.

Found on the English anchor set (scrapinghub-aeb): a news site whose article column is
"left-side", a WordPress post classed "tag-<slug>", an article box classed "modal-enabled",
and a cookie-settings panel holding more prose than a short review.  Pages written here.
"""

from __future__ import annotations

from pipelines.extract import extract_page

ARTICLE = [
    "The court found that the app had swapped the claimant's face into paid video templates "
    "without her consent, and ordered the operator to stop and apologise publicly.",
    "Judges said a face is sensitive personal information, so using it to make synthetic "
    "videos for profit needs the clear and specific consent of the person shown.",
    "The operator has removed the templates and said it would not appeal the ruling, "
    "which takes effect immediately and is the first of its kind in the province.",
]
BREAKING = "".join(f"<li><a href='/b/{i}'>Breaking headline number {i}</a></li>" for i in range(40))


def _extract(body: str) -> str:
    page = f"<html><head><title>Face-swap ruling</title></head><body>{body}</body></html>"
    return extract_page([page.encode()], "", min_chars=50).text


def _paras() -> str:
    return "".join(f"<p>{p}</p>" for p in ARTICLE)


def test_article_column_named_left_side_is_kept():
    body = (
        f"<div class='left-side'><ul class='breaking'>{BREAKING}</ul>"
        f"<div class='article-body'>{_paras()}</div></div>"
        "<div class='right-side'><p>Subscribe to our newsletter for daily updates.</p></div>"
        "<div class='footer'><p>The Example Post customer service center can be contacted with"
        " any questions or requests about subscriptions, delivery and advertising.</p></div>"
    )
    text = _extract(body)
    assert all(p in text for p in ARTICLE)
    assert "customer service" not in text


def test_sidebar_named_side_still_goes():
    body = (
        f"<div class='main'>{_paras()}</div>"
        "<div class='side'><p>Our most read stories this week, chosen by the editors, include"
        " a long feature about weekend markets and city parks.</p></div>"
    )
    text = _extract(body)
    assert ARTICLE[0] in text and "most read" not in text


def test_wordpress_post_with_tag_classes_is_kept():
    body = (
        "<article class='post-7721 post type-post tag-reviews tag-manuals has-post-thumbnail'>"
        f"<div class='entry-content'>{_paras()}</div></article>"
        "<div class='tags'><a href='/t/1'>reviews</a> <a href='/t/2'>manuals</a></div>"
    )
    assert all(p in _extract(body) for p in ARTICLE)


def test_article_box_classed_modal_enabled_is_kept():
    body = f"<div class='box article modal-enabled'>{_paras()}</div>"
    assert all(p in _extract(body) for p in ARTICLE)


def test_cookie_settings_panel_with_more_prose_than_the_article_goes():
    cookie = " ".join(
        [
            "This website uses cookies to improve your experience while you navigate.",
            "Necessary cookies are absolutely essential for the website to function properly.",
            "Non-necessary cookies are used to collect personal data via analytics and ads.",
            "You can opt out of these cookies, but it may affect your browsing experience.",
        ]
        * 3
    )
    body = (
        f"<div class='content'>{_paras()}</div>"
        f"<div class='cli-modal'><div class='cli-body'><p>{cookie}</p></div></div>"
    )
    text = _extract(body)
    assert all(p in text for p in ARTICLE)
    assert "cookies" not in text


def test_article_about_cookie_law_is_kept():
    law = [
        "Regulators fined the publisher after its banner set advertising cookies before "
        "readers had agreed, which the authority said breaks the consent rules in force.",
        "The decision says a site may only store cookies that are strictly necessary "
        "without asking, and that refusing must be as easy as accepting.",
        "Lawyers expect other publishers to redesign their consent banners, since the "
        "fine was set at a level meant to deter, and appeals rarely succeed in such cases.",
        "The publisher said it had already changed its cookie settings and would review "
        "how its advertising partners read the choices that visitors make.",
    ]
    body = "<div class='story'>" + "".join(f"<p>{p}</p>" for p in law) + "</div>"
    text = _extract(body)
    assert all(p in text for p in law)
