"""The demo content shows every part of live coverage."""

import pytest
from django.core.management import call_command

from tracker.live.models import Banner, DayDigest, Revision
from tracker.live.stream import local_date

pytestmark = pytest.mark.django_db


def test_demo_live_coverage_shows_every_part(client):
    call_command("demo_content")
    call_command("demo_content")  # and again: nothing doubles
    updates = Banner.objects.have_been_live()
    assert updates.count() >= 30
    days = {local_date(update.published_at, None) for update in updates}
    key_days = {local_date(u.published_at, None) for u in updates.filter(key_event=True)}
    assert len(days) >= 3 and key_days == days  # key events on each day
    assert updates.filter(pinned=True).count() == 1
    assert updates.filter(kind=Banner.Kind.CORRECTION).exists()
    edited = updates.get(edited_at__isnull=False)
    assert Revision.objects.get(banner=edited).headline != edited.headline
    assert updates.filter(article__isnull=False).values("article").distinct().count() >= 2
    assert updates.exclude(body="").count() >= 10 and DayDigest.objects.exists()
    page = client.get("/updates/").content.decode()
    assert "What you need to know" in page and "at a glance" in page and "edited" in page
