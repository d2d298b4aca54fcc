"""RSS and Atom feeds of the latest articles, site-wide and per topic."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from tracker.newsroom.feeds import FEED_LENGTH
from tracker.newsroom.models import Article

from .factories import make_article, make_author, make_topic

pytestmark = pytest.mark.django_db

FEEDS = ["/feed/", "/feed/atom/"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def articles():
    now = timezone.now()
    frontline, economy = make_topic("Frontline"), make_topic("Economy")
    return {
        "old": make_article(
            title="Old <frontline>", topic=frontline, published_at=now - timedelta(days=3)
        ),
        "new": make_article(
            title="New frontline", topic=frontline, published_at=now - timedelta(hours=1)
        ),
        "economy": make_article(
            title="Economy", topic=economy, published_at=now - timedelta(days=1)
        ),
        "draft": make_article(title="Draft", topic=frontline, status=Article.Status.DRAFT),
        "later": make_article(
            title="Scheduled", topic=frontline, published_at=now + timedelta(hours=1)
        ),
    }


@pytest.mark.parametrize("url", FEEDS)
def test_the_latest_feeds_list_published_articles_newest_first(client, articles, url):
    feed = parse(client, url)
    assert [entry.title for entry in feed.entries] == [
        "New frontline",
        "Economy",
        "Old <frontline>",
    ]
    entry = feed.entries[0]
    assert entry.link == "http://testserver" + articles["new"].get_absolute_url()
    assert entry.summary == articles["new"].standfirst
    assert entry.author == articles["new"].bylines.get().author.name
    assert entry.published_parsed is not None
    assert feed.feed.link == "http://testserver/"


@pytest.mark.parametrize("suffix", ["", "atom/"])
def test_topic_feeds_list_only_that_topics_published_articles(client, articles, suffix):
    feed = parse(client, f"{articles['old'].topic.get_absolute_url()}feed/{suffix}")
    assert [entry.title for entry in feed.entries] == ["New frontline", "Old <frontline>"]
    assert "Frontline" in feed.feed.title


def test_a_feed_of_an_unknown_topic_is_not_found(client):
    assert client.get("/topics/atlantis/feed/").status_code == 404


def test_feeds_hold_the_latest_twenty(client):
    topic, author = make_topic(), make_author()
    for _ in range(FEED_LENGTH + 2):
        make_article(topic=topic, authors=[author], sections=0, faqs=0, sources=0)
    assert len(parse(client, "/feed/").entries) == FEED_LENGTH


def test_pages_advertise_their_feeds(client, articles):
    home = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in home and 'href="/feed/"' in home
    assert 'type="application/atom+xml"' in home and 'href="/feed/atom/"' in home
    topic = articles["old"].topic
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f'href="/topics/{topic.slug}/feed/"' in page
    assert f'href="/topics/{topic.slug}/feed/atom/"' in page
