"""Public pages make a fixed number of queries, whatever the size of their content."""

import pytest
from django.contrib.sites.models import Site
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker.comments.threads import discussions_on
from tracker.live.bar import current_bar
from tracker.newsroom.context_processors import navigation_topics

from .factories import make_article, make_author, make_tag, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def render_every_time(settings):
    """Count what a render costs; a page-cache hit costs nothing (tests/test_pagecache.py)."""
    settings.PAGE_CACHE_SECONDS = 0


# The article, then its tags, bylines, sections, FAQs, update notes and citations; its live
# updates ("Latest on this story", outside the kept content). The budget for a cold
# article page is 9.
ARTICLE_PAGE_QUERIES = 8
# None: its version (under the newsroom's), head, content and updates are kept until
# something they show changes.
KEPT_ARTICLE_PAGE_QUERIES = 0
# Owner, count, page of articles, their bylines.
LIST_PAGE_QUERIES = 4
# Latest articles and their bylines; latest per topic and their bylines.
HOME_QUERIES = 4


def count_queries(client, url):
    # The live bar and the topic navigation are cached on their own (tests/test_live_bar.py,
    # test_the_navigation_is_read_once_per_content_version), and so are the articles whose
    # comments are on (tests/test_comments_cache.py): count the page's own queries.
    current_bar()
    navigation_topics()
    discussions_on()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("part", ["sections", "faqs", "sources"])
def test_the_article_page_costs_the_same_with_2_or_20_parts(client, part):
    small = make_article(**{part: 2}, tags=[make_tag()])
    large = make_article(
        **{part: 20}, tags=[make_tag(), make_tag()], authors=[make_author(), make_author()]
    )
    assert count_queries(client, small.get_absolute_url()) == ARTICLE_PAGE_QUERIES
    assert count_queries(client, large.get_absolute_url()) == ARTICLE_PAGE_QUERIES
    assert count_queries(client, small.get_absolute_url()) == KEPT_ARTICLE_PAGE_QUERIES
    assert count_queries(client, large.get_absolute_url()) == KEPT_ARTICLE_PAGE_QUERIES


def test_home_costs_the_same_as_articles_and_topics_grow(client):
    make_article()
    assert count_queries(client, "/") == HOME_QUERIES
    for _ in range(4):
        topic = make_topic()
        for _ in range(5):
            make_article(topic=topic, authors=[make_author(), make_author()])
    assert count_queries(client, "/") == HOME_QUERIES


@pytest.mark.parametrize("owner_kind", ["topic", "tag", "author"])
def test_list_pages_cost_the_same_as_articles_grow(client, owner_kind):
    topic, tag, author = make_topic(), make_tag(), make_author()
    owner = {"topic": topic, "tag": tag, "author": author}[owner_kind]

    def add(n):
        for _ in range(n):
            make_article(topic=topic, tags=[tag], authors=[author, make_author()])

    add(1)
    assert count_queries(client, owner.get_absolute_url()) == LIST_PAGE_QUERIES
    add(15)
    assert count_queries(client, owner.get_absolute_url()) == LIST_PAGE_QUERIES
    assert count_queries(client, owner.get_absolute_url() + "?page=2") == LIST_PAGE_QUERIES


# Count, page of results, their bylines; the form's topic list.
SEARCH_QUERIES = 4
# The same and the chosen topic.
SEARCH_IN_TOPIC_QUERIES = 5
# The topic (per-topic feeds only), the latest articles, their bylines.
FEED_QUERIES = 2


@pytest.mark.parametrize("topic_filter", [False, True])
def test_search_costs_the_same_as_results_grow(client, topic_filter):
    topic, author = make_topic(), make_author()
    url = f"/search/?q=drones&topic={topic.slug}" if topic_filter else "/search/?q=drones"
    budget = SEARCH_IN_TOPIC_QUERIES if topic_filter else SEARCH_QUERIES

    def add(n):
        for _ in range(n):
            make_article(title="Drones", topic=topic, authors=[author, make_author()])

    add(2)
    assert count_queries(client, url) == budget
    add(15)
    assert count_queries(client, url) == budget
    assert count_queries(client, url + "&page=2") == budget


def test_feeds_cost_the_same_as_articles_grow(client):
    Site.objects.get_current()  # the syndication framework asks for it; cached per process
    topic = make_topic()
    make_article(topic=topic)
    urls = ["/feed/", "/feed/atom/", f"{topic.get_absolute_url()}feed/"]
    budgets = [FEED_QUERIES, FEED_QUERIES, FEED_QUERIES + 1]
    assert [count_queries(client, url) for url in urls] == budgets
    for _ in range(10):
        make_article(topic=topic, authors=[make_author(), make_author()])
    assert [count_queries(client, url) for url in urls] == budgets


# The content version moves on commit.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_navigation_is_read_once_per_content_version(client):
    make_article()
    with CaptureQueriesContext(connection) as first:
        navigation_topics()
    with CaptureQueriesContext(connection) as second:
        assert navigation_topics() == navigation_topics()
    assert len(first) == 1 and len(second) == 0
    renamed = make_topic(name="Occupied territories")
    assert renamed in navigation_topics()  # a new topic moves the version: read again
