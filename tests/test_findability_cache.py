"""Feeds, the sitemap, robots.txt and footer pages are cached whole, and retired on change."""

import pytest
from django.contrib.flatpages.models import FlatPage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import make_article

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/feed/", "/feed/atom/", "topic-feed", "/sitemap.xml", "/robots.txt", "/about/"]
)
def test_these_pages_are_replayed_from_the_page_cache(client, url):
    article = make_article()
    url = f"{article.topic.get_absolute_url()}feed/" if url == "topic-feed" else url
    queries_for(client, url)
    assert queries_for(client, url) == 0


def test_a_new_article_reaches_the_cached_feed(client, django_capture_on_commit_callbacks):
    client.get("/feed/")
    with django_capture_on_commit_callbacks(execute=True):
        make_article(title="Fresh analysis")
    assert b"Fresh analysis" in client.get("/feed/").content


def test_an_edited_footer_page_replaces_the_cached_one(client, django_capture_on_commit_callbacks):
    assert b"About the tracker" in client.get("/about/").content
    with django_capture_on_commit_callbacks(execute=True):
        page = FlatPage.objects.get(url="/about/")
        page.title = "Who we are"
        page.save()
    assert b"<h1>Who we are</h1>" in client.get("/about/").content


def test_search_results_are_never_cached(client):
    make_article(title="Drones")
    queries_for(client, "/search/?q=drones")
    assert queries_for(client, "/search/?q=drones") > 0
