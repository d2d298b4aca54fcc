"""The bar endpoint: built for crowds, correct on every change."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tracker.live.bar import current_bar
from tracker.live.models import Banner

from .factories import make_article, make_banner, make_counter

# Invalidation waits for commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BAR = reverse("live:bar")


def poll(client, version="none"):
    return client.get(BAR, {"v": version})


def test_the_bar_shows_the_day_and_the_newest_live_banner(client):
    make_counter()
    make_banner("Older news", published_at=timezone.now() - timedelta(hours=2))
    make_banner("Newest news", kind=Banner.Kind.BREAKING)
    body = poll(client).content.decode()
    assert "Newest news" in body and "Older news" not in body
    assert (
        f'Day {current_bar().day} <span class="live-bar__label">of the full-scale invasion</span>'
        in body
    )
    assert "live-bar__content--breaking" in body and "Breaking:" in body
    assert f'data-hx-get="{BAR}?v={current_bar().version}"' in body
    assert 'data-hx-trigger="every 30s, visible-again"' in body


def test_nothing_new_is_a_204_without_a_body(client):
    make_counter()
    make_banner("Something")
    version = current_bar().version
    response = poll(client, version)
    assert response.status_code == 204
    assert response.content == b""


def test_the_bar_is_publicly_cacheable_and_never_varies_on_cookies(client):
    make_banner("Cached")
    for response in (poll(client), poll(client, current_bar().version)):
        cache_control = response["Cache-Control"]
        for directive in ("public", "max-age=2", "s-maxage=5", "stale-while-revalidate=3"):
            assert directive in cache_control
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies


def test_the_page_and_the_poll_render_the_same_bar(client):
    make_counter()
    make_banner("Same everywhere", url="https://example.org/x")
    page = client.get("/").content.decode()
    fragment = poll(client).content.decode().strip()
    assert fragment in page


def test_publishing_and_retracting_change_the_bar_at_once(client, django_user_model):
    first = make_banner("First")
    version = current_bar().version
    second = make_banner("Second")
    response = poll(client, version)
    assert response.status_code == 200 and "Second" in response.content.decode()
    seen_second = current_bar().version

    second.retract(django_user_model.objects.create_user("desk"))
    body = poll(client, seen_second).content.decode()
    assert "Second" not in body and "First" in body
    assert current_bar().banner_id == first.pk
    assert poll(client, version).status_code == 204  # back to what first-version readers have


def test_a_retracted_banner_never_comes_back(client, django_user_model):
    banner = make_banner("Wrong")
    banner.retract(django_user_model.objects.create_user("desk"))
    banner.refresh_from_db()
    banner.headline = "Wrong, edited later"
    banner.save()
    for _ in range(3):
        assert "Wrong" not in poll(client).content.decode()
    assert not Banner.objects.live().exists()
    assert banner.retracted_at is not None and banner.retracted_by.username == "desk"


def test_a_scheduled_banner_appears_and_an_expired_one_goes_even_from_cache(client):
    now = timezone.now()
    make_banner(
        "Expiring", published_at=now - timedelta(minutes=1), expires_at=now + timedelta(seconds=3)
    )
    make_banner("Scheduled", published_at=now + timedelta(minutes=5))
    with time_machine.travel(now, tick=False):
        assert "Expiring" in poll(client).content.decode()
    with time_machine.travel(now + timedelta(seconds=4), tick=False):
        body = poll(client).content.decode()
        assert "Expiring" not in body and "Scheduled" not in body
    with time_machine.travel(now + timedelta(minutes=5, seconds=1), tick=False):
        assert "Scheduled" in poll(client).content.decode()


def test_the_day_turns_at_kyiv_midnight_even_from_cache(client):
    make_counter()
    just_before = datetime(2026, 4, 18, 20, 59, 58, tzinfo=UTC)  # 23:59:58 in Kyiv
    with time_machine.travel(just_before, tick=False):
        assert "Day 1515 " in poll(client).content.decode()
    with time_machine.travel(just_before + timedelta(seconds=3), tick=False):
        assert "Day 1516 " in poll(client).content.decode()


def test_a_miss_costs_two_queries_and_a_hit_none(client):
    make_counter()
    make_banner("Counted", article=make_article())
    caches["kept"].clear()  # nothing kept: the counter and the banner are read
    with CaptureQueriesContext(connection) as miss:
        assert poll(client).status_code == 200
    with CaptureQueriesContext(connection) as hit:
        assert poll(client).status_code == 200
        assert poll(client, current_bar().version).status_code == 204
    assert len(miss) == 2, [q["sql"] for q in miss]
    assert len(hit) == 0


def test_the_interval_set_on_the_counter_reaches_open_pages_and_zero_stops_polling(client):
    counter = make_counter()
    old_version = current_bar().version
    counter.poll_interval = 120
    counter.save()
    body = poll(client, old_version).content.decode()
    assert 'data-hx-trigger="every 120s, visible-again"' in body

    counter.poll_interval = 0
    counter.save()
    response = poll(client, old_version)
    assert response.status_code == 286  # htmx swaps it in and stops polling
    assert "data-hx-get" not in response.content.decode()


def test_the_bar_links_the_update_at_its_permanent_address(client):
    article = make_article()
    banner = make_banner("See the update", article=article)
    body = poll(client).content.decode()
    assert f'href="/updates/{banner.pk}/">See the update</a>' in body
    assert article.get_absolute_url() not in body  # the update itself links its article


def test_a_replayed_nothing_new_answer_is_retired_when_a_banner_lands(client):
    make_banner("Old news")
    version = current_bar().version
    assert poll(client, version).status_code == 204
    with CaptureQueriesContext(connection) as replay:
        assert poll(client, version).status_code == 204
    assert len(replay) == 0
    make_banner("Breaking now", kind=Banner.Kind.BREAKING)
    response = poll(client, version)
    assert response.status_code == 200 and "Breaking now" in response.content.decode()


def test_a_nothing_new_answer_is_replayed_to_the_last_fraction_of_a_second(client, monkeypatch):
    from tracker.live import views
    from tracker.live.bar import STATE_MAX_AGE

    calls = []
    monkeypatch.setattr(views, "current_bar", lambda: calls.append(1) or current_bar())
    make_banner("Steady")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        version = current_bar().version  # the state is good for STATE_MAX_AGE from here
    late = start + STATE_MAX_AGE - timedelta(milliseconds=500)
    with time_machine.travel(late, tick=False):
        assert poll(client, version).status_code == 204
    with time_machine.travel(late + timedelta(milliseconds=300), tick=False):
        assert poll(client, version).status_code == 204
    assert len(calls) == 1  # half a second left was still worth caching
    with time_machine.travel(start + STATE_MAX_AGE + timedelta(milliseconds=100), tick=False):
        poll(client, version)
    assert len(calls) == 2  # and not a moment longer


def test_readers_on_any_old_version_get_the_bar_pages_show(client):
    make_banner("First")
    old = current_bar().version
    make_banner("Second", kind=Banner.Kind.BREAKING)
    answers = [poll(client, v).content.decode() for v in (old, old, "made-up")]
    assert answers[0] == answers[1] == answers[2] and "Second" in answers[0]
    assert answers[0].strip() in client.get("/").content.decode()  # the page's own partial
    make_banner("Third")  # and a change still reaches them at once
    assert "Third" in poll(client, old).content.decode()
