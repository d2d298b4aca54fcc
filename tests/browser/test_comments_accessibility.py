"""The comments on an article and the reader's pages have no axe-core violations."""

import pytest
from playwright.sync_api import expect

from tracker.comments.models import Comment

from ..comments_helpers import commented_article, make_comment, make_reader
from .test_accessibility import axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def context_options():
    """Pages that let axe-core in: the site's CSP allows no injected inline script."""
    return {"bypass_csp": True}


def sign_in(page, live_server, reader):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(reader.user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def test_comment_pages_have_no_axe_violations(page, live_server):
    article = commented_article()
    reader = make_reader(display_name="Yurii")
    parent = make_comment(article, body="A first comment with https://example.org/a link.")
    make_comment(article, parent=parent, body="A reply.")
    make_comment(article, reader=reader, status=Comment.Status.PENDING, body="Mine, waiting.")
    page.goto(article.get_absolute_url())
    expect(page.locator("#your-comments")).to_be_visible()
    assert axe_violations(page) == []
    sign_in(page, live_server, reader)
    for url in (article.get_absolute_url(), f"/comments/{article.pk}/", "/readers/account/"):
        page.goto(url)
        expect(page.locator("#main")).to_be_visible()
        assert axe_violations(page) == [], url
    page.goto("/readers/sign-in/")
    assert axe_violations(page) == []
