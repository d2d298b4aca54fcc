"""An article's content is kept between renders, and any edit of what it shows shows at once."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tracker.newsroom.models import Note

from .factories import make_article, make_banner, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def render_every_time(settings):
    settings.PAGE_CACHE_SECONDS = 0  # the page cache has tests of its own


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """An edit as the site sees it: committed, so the content versions move."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def rename(row, field, value):
    setattr(row, field, value)
    row.save()


EDITS = {
    "a section": lambda a: rename(a.sections.first(), "heading", "Renamed section"),
    "a section removed": lambda a: a.sections.last().delete(),
    "an FAQ": lambda a: rename(a.faqs.first(), "answer", "Renamed answer"),
    "a note": lambda a: Note.objects.create(article=a, text="Renamed casualty figures"),
    "a source's name": lambda a: rename(a.sources.first(), "publisher", "Renamed publisher"),
    "a source's address": lambda a: rename(a.sources.first(), "url", "https://renamed.example/"),
    "an author's name": lambda a: rename(a.authors.first(), "name", "Renamed Author"),
    "a tag's name": lambda a: rename(a.tags.first(), "name", "Renamed tag"),
    "a tag added": lambda a: a.tags.add(make_tag("Renamed new tag")),
    "a tag removed": lambda a: a.tags.clear(),
    "the topic's name": lambda a: rename(a.topic, "name", "Renamed topic"),
    "the article itself": lambda a: rename(a, "standfirst", "Renamed standfirst."),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_of_anything_the_article_shows_shows_at_once(client, committed, edit):
    article = make_article(sections=3, tags=[make_tag("Original tag")])
    before = page(client, article)
    assert page(client, article) == before  # kept, and the same
    with committed():
        EDITS[edit](article)
    after = page(client, article)
    assert after != before
    if edit == "a section removed":
        assert "Section 3" in before and "Section 3" not in after
    elif edit == "a tag removed":
        assert "Original tag" in before and "Original tag" not in after
    elif edit == "a source's address":
        assert 'href="https://renamed.example/"' in after
    else:
        assert "Renamed" in after and "Renamed" not in before


def test_a_kept_article_costs_no_query_and_an_edit_reads_it_anew(client, committed):
    article = make_article(sections=5)
    page(client, article)
    with CaptureQueriesContext(connection) as kept:
        page(client, article)
    with committed():
        rename(article.sections.first(), "heading", "Fresh heading")
    with CaptureQueriesContext(connection) as fresh:
        assert "Fresh heading" in page(client, article)
    assert len(kept) == 0  # its version, head, content and updates are all kept
    # The article, its six kinds of parts, and the header's topics (the newsroom's version
    # moved); its updates are still kept.
    assert len(fresh) == 8


def test_a_preview_never_shows_the_public_pages_kept_content(staff_client, client):
    article = make_article()
    public = page(client, article)
    assert "application/ld+json" in public
    preview = staff_client.get(article.get_preview_url()).content.decode()
    assert "application/ld+json" not in preview  # previews leave the JSON-LD out
    assert "application/ld+json" in page(client, article)


def test_a_scheduled_update_joins_its_articles_latest_when_its_time_comes(client):
    article = make_article()
    soon = timezone.now() + timedelta(minutes=5)
    make_banner("Scheduled for this story", article=article, published_at=soon)
    assert "Latest on this story" not in page(client, article)
    with time_machine.travel(soon + timedelta(minutes=1)):
        strip = page(client, article).partition("Latest on this story")[2]
    assert "Scheduled for this story" in strip


def test_the_head_is_kept_with_the_content_and_follows_an_edit(client, committed):
    article = make_article(title="First title", standfirst="First standfirst")
    page(client, article)
    article.title, article.standfirst = "Second title", "Second standfirst"
    with committed():
        article.save()
    html = page(client, article)
    assert "<title>Second title" in html and 'content="Second standfirst"' in html
    assert "First title" not in html


def test_a_new_banner_costs_the_article_page_its_bar_and_updates_only(client, committed):
    article = make_article(sections=3)
    page(client, article)
    with committed():
        make_banner("Elsewhere: a banner about another story")
    with CaptureQueriesContext(connection) as after_banner:
        html = page(client, article)
    assert "Elsewhere: a banner" in html
    # The bar's counter and banner, and the article's updates: its address, head, content,
    # header and footer are kept under the newsroom's version, which a banner leaves alone.
    assert len(after_banner) == 3


def test_a_kept_article_still_leaves_at_its_expiry(client):
    expiry = timezone.now() + timedelta(minutes=5)
    article = make_article(expires_at=expiry)
    assert client.get(article.get_absolute_url()).status_code == 200
    with time_machine.travel(expiry + timedelta(seconds=1)):
        assert client.get(article.get_absolute_url()).status_code == 410
