"""Whole public pages are cached, replayed without queries, and retired on every change."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tracker.live.bar import current_bar
from tracker.newsroom.models import Article

from .factories import make_article, make_banner, make_counter

# Versions move on commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


@pytest.mark.parametrize(
    "url",
    ["/", "article", "topic", "author", "/authors/", "/updates/", "/feed/", "/updates/feed/rss/"],
)
def test_a_public_page_is_served_from_cache_without_a_query(client, url):
    article = make_article()
    url = {
        "article": article.get_absolute_url(),
        "topic": article.topic.get_absolute_url(),
        "author": article.bylines.get().author.get_absolute_url(),
    }.get(url, url)
    first, _ = get(client, url)
    second, queries = get(client, url)
    assert second.status_code == 200 and queries == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    for directive in (
        "public",
        "max-age=",
        "s-maxage=",
        "stale-while-revalidate=",
        "stale-if-error=",
    ):
        assert directive in second["Cache-Control"]
    assert "Cookie" not in second.get("Vary", "") and not second.cookies


def test_a_conditional_request_gets_304(client):
    make_article()
    etag = client.get("/")["ETag"]
    response = client.get("/", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""
    assert "public" in response["Cache-Control"]
    # A 304 describes no body: the page's type, length and policy stay with the 200.
    assert not response.has_header("Content-Length")
    assert not response.has_header("Content-Security-Policy")


def test_a_page_rendered_again_the_same_still_gets_304(client):
    make_article()
    etag = client.get("/")["ETag"]
    caches["kept"].clear()  # the page cache dropped its entry: the next request renders
    response = client.get("/", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag and "public" in response["Cache-Control"]


def test_a_replayed_page_has_the_headers_it_was_rendered_with(client):
    make_article()
    first, second = client.get("/"), client.get("/")
    own = {"Date", "ETag", "Cache-Control"}
    assert {k: v for k, v in first.items() if k not in own} == {
        k: v for k, v in second.items() if k not in own
    }
    assert int(second["Content-Length"]) == len(second.content)


def test_an_edit_retires_the_cached_page_once_committed(client):
    article = make_article(title="Before the edit")
    assert "Before the edit" in client.get(article.get_absolute_url()).content.decode()
    article.title = "After the edit"
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "After the edit" in page and "Before the edit" not in page
    assert "After the edit" in client.get("/").content.decode()


def test_the_admin_publish_action_retires_cached_pages(client, staff_client):
    draft = make_article(title="Held back", status=Article.Status.DRAFT)
    assert "Held back" not in client.get("/").content.decode()
    staff_client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert "Held back" in client.get("/").content.decode()


def test_a_new_banner_reaches_cached_pages_for_readers_without_javascript(client):
    make_counter()
    client.get("/")
    make_banner("Fresh from the desk")
    assert "Fresh from the desk" in client.get("/").content.decode()


def test_a_cached_page_never_outlives_a_scheduled_article(client, settings):
    settings.PAGE_SHARED_SECONDS = 300  # shared long enough for the schedule to cap it
    now = timezone.now()
    make_article(title="Already out", published_at=now - timedelta(hours=1))
    make_article(title="Due in two minutes", published_at=now + timedelta(minutes=2))
    with time_machine.travel(now, tick=False):
        response = client.get("/")
        assert "Due in two minutes" not in response.content.decode()
        s_maxage = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
        assert 110 <= s_maxage <= 120  # capped by the schedule, not the 300 s default
    with time_machine.travel(now + timedelta(minutes=2, seconds=1), tick=False):
        assert "Due in two minutes" in client.get("/").content.decode()


def test_staff_pages_previews_and_posts_are_never_cached(client, staff_client):
    article = make_article(status=Article.Status.DRAFT, title="Draft one")
    preview = staff_client.get(article.get_preview_url())
    assert "public" not in preview.get("Cache-Control", "")
    article.title = "Draft two"
    article.save()
    assert "Draft two" in staff_client.get(article.get_preview_url()).content.decode()
    for url in (reverse("admin:index"), reverse("live:desk")):
        assert "public" not in staff_client.get(url).get("Cache-Control", "")
    assert client.post("/").status_code == 405


def test_the_bar_endpoint_keeps_its_own_short_cache(client):
    make_banner("Bar only")
    response = client.get(reverse("live:bar"), {"v": current_bar().version})
    assert response.status_code == 204 and "s-maxage=5" in response["Cache-Control"]


def test_a_cached_page_never_outlives_an_article_expiry(client, settings):
    settings.PAGE_SHARED_SECONDS = 300  # shared long enough for the schedule to cap it
    now = timezone.now()
    article = make_article(
        title="Expires soon",
        published_at=now - timedelta(hours=1),
        expires_at=now + timedelta(minutes=3),
    )
    with time_machine.travel(now, tick=False):
        response = client.get(article.get_absolute_url())
        s_maxage = int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))
        assert 170 <= s_maxage <= 180
    with time_machine.travel(now + timedelta(minutes=3, seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 410  # withdrawn


def test_a_new_correction_note_retires_the_cached_article(client):
    from tracker.newsroom.models import Note

    article = make_article()
    client.get(article.get_absolute_url())
    Note.objects.create(article=article, text="Casualty figures revised")
    assert "Casualty figures revised" in client.get(article.get_absolute_url()).content.decode()


def test_click_ids_and_made_up_query_strings_share_the_cached_page(client):
    make_article()
    first, _ = get(client, "/")
    for junk in ("?utm_source=social&fbclid=IwAR0abc", "?fbclid=IwAR1def", "?anything=1"):
        replay, queries = get(client, "/" + junk)
        assert queries == 0 and replay.content == first.content, junk


def test_a_public_view_sees_only_the_parameters_its_cache_key_keeps(rf):
    from django.http import HttpResponse

    from tracker.pagecache import public_page

    view = public_page(params={"page"})(lambda request: HttpResponse(",".join(request.GET)))
    request = rf.get("/topics/frontline/", {"page": "2", "utm_source": "x", "fbclid": "y"})
    assert view(request).content == b"page"


def test_a_page_has_one_address_however_its_parameters_are_spelled(client):
    # A parameter the page does not read, or a page number written another way, is sent
    # to the page's one address: no spelling of a URL can force a render of its own.
    article = make_article()
    topic = article.topic.get_absolute_url()
    for asked, canonical in (
        ("/?page=2&utm_source=x", "/?utm_source=x"),
        ("/?v=123", "/"),
        (f"{article.get_absolute_url()}?p=2", article.get_absolute_url()),
        (f"{topic}?page=01", f"{topic}?page=1"),
        (f"{topic}?page=3&page=%201", f"{topic}?page=1"),
        ("/sitemap.xml?p=+1", "/sitemap.xml?p=1"),
    ):
        response, _ = get(client, asked)
        assert (response.status_code, response["Location"]) == (301, canonical), asked
        replay, queries = get(client, asked)
        assert replay.status_code == 301 and queries == 0 and "public" in replay["Cache-Control"]
    assert client.get(f"{topic}?page=1").status_code == 200
    assert client.get(f"{topic}?page=last").status_code == 200


def test_the_page_parameters_still_tell_pages_apart(rf):
    from tracker.pagecache.middleware import PageCacheMiddleware

    def key(query):
        return PageCacheMiddleware.key(rf.get("/topics/frontline/" + query), version=1)

    assert key("?page=2") == key("?utm_source=x&page=2") != key("?page=3") != key("")


def test_a_page_whose_policy_names_a_nonce_is_never_stored():
    from django.http import HttpResponse

    from tracker.pagecache.middleware import PageCacheMiddleware

    response = HttpResponse("<script nonce=abc>…</script>")
    response.public_page = True
    assert PageCacheMiddleware.cacheable(response)
    response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
    assert not PageCacheMiddleware.cacheable(response)
