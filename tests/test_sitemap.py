"""sitemap.xml lists public pages only, with lastmod; robots.txt points to it."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from tracker.newsroom.models import Article

from .factories import make_article, make_author, make_topic

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text.removeprefix("http://testserver"): getattr(
            url.find("s:lastmod", NS), "text", None
        )
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_public_pages_with_lastmod_and_nothing_else(client):
    topic, empty_topic, author = make_topic(), make_topic(), make_author()
    published = make_article(
        topic=topic,
        authors=[author],
        published_at=timezone.now() - timedelta(days=2),
        updated_at=timezone.now() - timedelta(days=1),
    )
    draft = make_article(topic=topic, status=Article.Status.DRAFT)
    scheduled = make_article(topic=topic, published_at=timezone.now() + timedelta(days=1))
    urls = sitemap(client)

    assert (
        urls[published.get_absolute_url()] == timezone.localdate(published.updated_at).isoformat()
    )
    assert urls[topic.get_absolute_url()] == timezone.localdate(published.published_at).isoformat()
    assert urls[author.get_absolute_url()] == timezone.localdate(published.published_at).isoformat()
    assert empty_topic.get_absolute_url() in urls
    assert {"/", "/authors/", "/about/", "/contact/", "/privacy/", "/terms/"} <= set(urls)
    assert draft.get_absolute_url() not in urls and scheduled.get_absolute_url() not in urls
    assert not [url for url in urls if url.startswith(("/admin/", "/preview/", "/desk/"))]
    for url in urls:  # every listed page is really there for a visitor
        assert client.get(url).status_code == 200, url


def test_an_expired_article_no_longer_moves_its_topics_or_authors_lastmod(client):
    topic, author = make_topic(), make_author()
    shown = make_article(
        topic=topic, authors=[author], published_at=timezone.now() - timedelta(days=3)
    )
    make_article(
        topic=topic,
        authors=[author],
        published_at=timezone.now() - timedelta(days=1),
        expires_at=timezone.now() - timedelta(hours=1),
    )
    urls = sitemap(client)
    shown_date = timezone.localdate(shown.published_at).isoformat()
    assert urls[topic.get_absolute_url()] == urls[author.get_absolute_url()] == shown_date


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_staff_pages(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ("/admin/", "/desk/", "/preview/"):
        assert f"Disallow: {path}" in lines
