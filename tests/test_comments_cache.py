"""Article pages with comments stay one shared, cookie-free page, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tracker.comments.models import Comment, Discussion
from tracker.comments.threads import THREADS_PER_PAGE
from tracker.pagecache import content_version

from .comments_helpers import (
    commented_article,
    comments_url,
    make_comment,
    make_reader,
    reader_client,
)
from .factories import make_article
from .test_query_budget import ARTICLE_PAGE_QUERIES, KEPT_ARTICLE_PAGE_QUERIES, count_queries

pytestmark = pytest.mark.django_db

# The count of the article's top-level public comments, then a page of them with their replies.
COMMENT_QUERIES = 2


def test_the_article_page_with_comments_sets_no_cookie_and_carries_no_token(client):
    article = commented_article()
    make_comment(article, body="Approved words.")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and b"Approved words." in response.content
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert b"csrfmiddlewaretoken" not in response.content
    assert response["Cache-Control"].startswith("public")


def test_nothing_of_a_signed_in_reader_reaches_the_shared_page(client):
    article = commented_article()
    reader = make_reader(display_name="Secret Name", email="secret@example.net")
    web = reader_client(reader)
    make_comment(article, reader=reader, status=Comment.Status.PENDING, body="Pending words.")
    # The reader reads the page first, as nginx would let them through with their cookie...
    page = web.get(article.get_absolute_url())
    panel = web.get(comments_url(article), headers={"HX-Request": "true"})
    assert b"Pending words." in panel.content and b"Waiting for a moderator" in panel.content
    assert b"csrfmiddlewaretoken" in panel.content
    # ...and the page they got, which the next visitor gets too, holds nothing of theirs.
    later = client.get(article.get_absolute_url())
    for response in (page, later):
        for private in (
            b"Pending words.",
            b"Secret Name",
            b"secret@example.net",
            b"csrfmiddlewaretoken",
        ):
            assert private not in response.content
    assert later.content == page.content


def test_the_readers_panel_is_never_cached_and_varies_on_cookies():
    article = commented_article()
    response = reader_client(make_reader()).get(
        comments_url(article), headers={"HX-Request": "true"}
    )
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"] and "HX-Request" in response["Vary"]
    assert b"<html" not in response.content  # the partial alone


def test_the_page_points_to_the_panel_with_and_without_javascript(client):
    article = commented_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'data-hx-get="/comments/{article.pk}/"' in html
    assert f'href="/comments/{article.pk}/#your-comments"' in html


def test_a_waiting_comment_does_not_retire_cached_pages(django_capture_on_commit_callbacks):
    article = commented_article()
    web = reader_client(make_reader())
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        web.post(comments_url(article), {"body": "Waiting", "website": ""})
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert content_version() == before


def test_approving_a_comment_shows_it_to_anonymous_readers_at_once(
    client, django_capture_on_commit_callbacks
):
    article = commented_article()
    comment = make_comment(article, status=Comment.Status.PENDING, body="Soon public.")
    assert b"Soon public." not in client.get(article.get_absolute_url()).content
    with django_capture_on_commit_callbacks(execute=True):
        comment.status = Comment.Status.APPROVED
        comment.save()
    assert b"Soon public." in client.get(article.get_absolute_url()).content
    with django_capture_on_commit_callbacks(execute=True):
        comment.status = Comment.Status.REJECTED
        comment.save()
    assert b"Soon public." not in client.get(article.get_absolute_url()).content


def test_turning_comments_on_shows_the_section_at_once(client, django_capture_on_commit_callbacks):
    article = make_article()
    assert b'id="comments"' not in client.get(article.get_absolute_url()).content
    with django_capture_on_commit_callbacks(execute=True):
        Discussion.objects.create(article=article, enabled=True)
    assert b'id="comments"' in client.get(article.get_absolute_url()).content


@pytest.fixture
def render_every_time(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_the_article_page_costs_the_same_with_0_or_many_comments(client, render_every_time):
    empty = commented_article()
    full = commented_article()
    for n in range(THREADS_PER_PAGE + 10):
        parent = make_comment(full, reader=make_reader(display_name=f"Reader {n}"))
        if n % 5 == 0:
            make_comment(full, parent=parent)
    expected = ARTICLE_PAGE_QUERIES + COMMENT_QUERIES
    assert count_queries(client, empty.get_absolute_url()) == expected
    assert count_queries(client, full.get_absolute_url()) == expected
    # Kept content and comments: the article alone, as for any article.
    assert count_queries(client, empty.get_absolute_url()) == KEPT_ARTICLE_PAGE_QUERIES
    assert count_queries(client, full.get_absolute_url()) == KEPT_ARTICLE_PAGE_QUERIES


def test_an_article_without_comments_costs_no_query_for_them(client, render_every_time):
    article = make_article()
    assert count_queries(client, article.get_absolute_url()) == ARTICLE_PAGE_QUERIES


def test_comments_beyond_a_page_continue_on_the_comment_page(client):
    article = commented_article()
    for n in range(THREADS_PER_PAGE + 3):
        make_comment(article, body=f"Numbered comment {n:03d}.")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Numbered comment 049." in page and "Numbered comment 050." not in page
    assert f'href="/comments/{article.pk}/?page=2"' in page
    second = client.get(f"/comments/{article.pk}/?page=2").content.decode()
    assert "Numbered comment 050." in second and "Numbered comment 052." in second
    assert "Numbered comment 049." not in second


def test_the_comment_page_costs_the_same_with_few_or_many_comments(client):
    article = commented_article()
    make_comment(article)
    client.get(comments_url(article))  # the bar and the navigation, kept on their own
    with CaptureQueriesContext(connection) as few:
        client.get(comments_url(article))
    for _ in range(30):
        make_comment(article, parent=make_comment(article))
    with CaptureQueriesContext(connection) as many:
        client.get(comments_url(article))
    assert len(many) == len(few)


def test_moving_a_commented_articles_publish_time_can_close_its_comments(
    client, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    article = commented_article(close_after_days=3, published_at=timezone.now() - timedelta(days=2))
    assert (
        b"Comments on this story are closed" not in client.get(article.get_absolute_url()).content
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.published_at = timezone.now() - timedelta(days=4)
        article.save()
    assert b"Comments on this story are closed" in client.get(article.get_absolute_url()).content


def test_a_banner_leaves_the_kept_comments_alone(client, django_capture_on_commit_callbacks):
    from .factories import make_banner

    article = commented_article()
    make_comment(article)
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        make_banner("Air raid alert")
    client.get("/")  # the schedule (comments closing too) is read once a version, site-wide
    with CaptureQueriesContext(connection) as after_banner:
        client.get(article.get_absolute_url())
    assert not [q for q in after_banner.captured_queries if "comments_" in q["sql"]]
