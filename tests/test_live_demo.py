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


def test_demo_updates_carry_the_byline_of_a_desk_member(client):
    call_command("demo_content")
    updates = Banner.objects.have_been_live()
    assert not updates.filter(published_by__isnull=True).exists()
    members = {update.published_by for update in updates}
    assert len(members) >= 2
    for member in members:
        assert member.groups.filter(name="Desk").exists() and member.get_full_name()
        assert not member.has_usable_password()  # nobody signs in as a demo byline
    newest = updates.first()
    page = client.get("/updates/").content.decode()
    assert f"By {newest.published_by.get_full_name()}" in page
