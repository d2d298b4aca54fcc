"""The updates page, its feeds, and the "new updates" poll."""

import json
import re
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from tracker.live.models import Banner
from tracker.live.views import to_stamp

from .factories import make_banner, make_counter

pytestmark = pytest.mark.django_db

UPDATES = reverse("live:updates")


def kyiv(*args):
    return datetime(*args, tzinfo=UTC) - timedelta(hours=3)  # summer time in Kyiv


def test_updates_are_grouped_by_day_newest_first_without_retracted_or_scheduled(
    client, django_user_model
):
    make_counter()
    make_banner("Morning of the 18th", published_at=kyiv(2026, 4, 18, 9, 0))
    make_banner("Evening of the 19th", published_at=kyiv(2026, 4, 19, 21, 0))
    make_banner(
        "Expired but was live",
        published_at=kyiv(2026, 4, 19, 8, 0),
        expires_at=kyiv(2026, 4, 19, 9, 0),
    )
    make_banner("Retracted", published_at=kyiv(2026, 4, 19, 10, 0)).retract(
        django_user_model.objects.create_user("d")
    )
    make_banner("Not yet", published_at=timezone.now() + timedelta(hours=1))

    page = client.get(UPDATES).content.decode()
    page = page[page.index("<main") :]  # the live bar above shows the newest one too

    assert "Day 1516 · 19 April 2026" in page and "Day 1515 · 18 April 2026" in page
    order = [
        page.index(text)
        for text in (
            "Day 1516",
            "Evening of the 19th",
            "Expired but was live",
            "Day 1515",
            "Morning of the 18th",
        )
    ]
    assert order == sorted(order)
    assert "Retracted" not in page and "Not yet" not in page


def test_the_updates_page_carries_live_blog_structured_data_and_feed_links(client):
    make_banner("Structured", published_at=timezone.now() - timedelta(minutes=1))
    page = client.get(UPDATES).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["@type"] == "LiveBlogPosting"
    assert data["liveBlogUpdate"][0]["headline"] == "Structured"
    assert (
        f'rel="alternate" type="application/rss+xml" title="Live updates (RSS)" href="{reverse("live:updates-rss")}"'
        in page
    )
    assert 'type="application/atom+xml"' in page


def test_structured_data_cannot_break_out_of_its_script(client):
    make_banner("</script><script>alert(1)</script>")
    page = client.get(UPDATES).content.decode()
    assert "</script><script>alert(1)" not in page


@pytest.mark.parametrize("feed", ["live:updates-rss", "live:updates-atom"])
def test_the_update_feeds_parse_cleanly_newest_first_without_retracted(
    client, feed, django_user_model
):
    make_banner("Older", published_at=timezone.now() - timedelta(hours=2))
    make_banner("Newer", published_at=timezone.now() - timedelta(hours=1))
    make_banner("Withdrawn").retract(django_user_model.objects.create_user("d"))
    parsed = feedparser.parse(client.get(reverse(feed)).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [entry.title for entry in parsed.entries] == ["Newer", "Older"]
    assert len({entry.link for entry in parsed.entries}) == 2


def test_new_updates_poll_answers_204_then_a_link_to_them(client):
    first = make_banner("Seen", published_at=timezone.now() - timedelta(minutes=5))
    after = to_stamp(Banner.objects.get(pk=first.pk).published_at)
    url = reverse("live:updates-new")
    response = client.get(url, {"after": after})
    assert response.status_code == 204 and response.content == b""
    assert "public" in response["Cache-Control"] and "Cookie" not in response.get("Vary", "")

    make_banner("Fresh 1")
    make_banner("Fresh 2")
    caches["kept"].clear()  # the 204 above is shared for a few seconds by design
    response = client.get(url, {"after": after})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<button type="button" class="new-updates"' in body
    assert "2 new updates: show them</button>" in body


@pytest.mark.parametrize("after", ["", "soon", "1e99", "9" * 30, "-" + "9" * 30])
def test_new_updates_poll_refuses_nonsense_clearly(client, after):
    response = client.get(reverse("live:updates-new"), {"after": after})
    assert response.status_code == 400
    assert "whole number of microseconds" in response.content.decode()


def test_the_updates_page_polls_for_new_updates_without_moving_the_page(client):
    banner = make_banner("Only one")
    page = client.get(UPDATES).content.decode()
    stamp = to_stamp(Banner.objects.get(pk=banner.pk).published_at)
    assert f'data-hx-get="{reverse("live:updates-new")}?after={stamp}"' in page
    assert 'data-hx-swap="innerHTML"' in page
    # The live region the button is announced in is there, and empty, from the start.
    assert '<div id="new-updates-slot" class="new-updates-slot" aria-live="polite"></div>' in page
