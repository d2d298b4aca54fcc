"""A withdrawn article answers 410 Gone, kept briefly by every cache like a page, so a
cache in front replaces the copy it holds; an address never published stays 404."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tracker.newsroom.models import Article

from .factories import make_article

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # the page cache's version moves on commit


def unpublish(article):
    article.status = Article.Status.UNPUBLISHED
    article.save()


def test_an_unpublished_article_answers_410_in_the_sites_design(client):
    article = make_article(title="Named in a court order")
    assert client.get(article.get_absolute_url()).status_code == 200
    unpublish(article)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    page = response.content.decode()
    assert "This article has been withdrawn" in page
    assert "css/site" in page and 'class="live-bar"' in page  # the site's own page
    assert "Named in a court order" not in page  # a takedown may be about the title itself
    assert '<meta name="robots" content="noindex">' in page


def test_an_expired_article_answers_410(client):
    now = timezone.now()
    article = make_article(published_at=now - timedelta(hours=1), expires_at=now + timedelta(1))
    with time_machine.travel(now + timedelta(days=1, seconds=1)):
        assert client.get(article.get_absolute_url()).status_code == 410


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.IN_REVIEW])
def test_an_article_never_published_stays_404(client, status):
    article = make_article(status=status, published_at=timezone.now() - timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get("/articles/no-such-article/").status_code == 404


def test_an_article_unpublished_before_its_publish_time_stays_404(client):
    article = make_article(published_at=timezone.now() + timedelta(hours=1))
    unpublish(article)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_the_410_is_shared_like_a_page_until_the_article_returns(client):
    article = make_article(title="Back soon")
    unpublish(article)
    first = client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        second = client.get(article.get_absolute_url())
    assert second.status_code == 410 and len(queries) == 0  # replayed by the page cache
    assert second.content == first.content
    # nginx keeps it like a page, so it replaces the 200 it held rather than serve it stale.
    for response in (first, second):
        assert "public" in response["Cache-Control"] and "s-maxage=" in response["Cache-Control"]
    article.status = Article.Status.PUBLISHED
    article.save()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and "Back soon" in response.content.decode()
