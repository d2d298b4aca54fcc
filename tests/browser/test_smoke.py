import pytest

from ..factories import make_article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_article_renders_in_a_real_browser_with_its_stylesheet(page):
    article = make_article(title="Browser check")
    page.goto(article.get_absolute_url())
    assert page.locator("h1").inner_text() == "Browser check"
    # The stylesheet loaded: the skip link sits off-screen until it gets focus.
    skip = page.locator(".skip-link")
    assert skip.bounding_box()["y"] < 0
    page.keyboard.press("Tab")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
