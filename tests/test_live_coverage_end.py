"""Ending the live coverage: the desk closes it (and can reopen it); pages stop polling,
the updates page says so, and the LiveBlogPosting gets its coverageEndTime."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tracker.live.models import Banner, Counter
from tracker.live.views import to_stamp

from .factories import make_banner, make_counter

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # pages are retired on commit

DESK = reverse("live:desk")
UPDATES = reverse("live:updates")
BAR = reverse("live:bar")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # 12:00 in Kyiv


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def desk_client(django_user_model):
    user = django_user_model.objects.create_user("desk", password="unused-pw-1234", is_staff=True)
    user.groups.add(Group.objects.get(name="Desk"))
    client = Client()
    client.force_login(user)
    return client


def live_blog(client):
    page = client.get(UPDATES).content.decode()
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )


def test_the_desk_ends_the_coverage_and_pages_stop_polling(client, desk_client, clock):
    make_counter(poll_interval=30)
    make_banner("Talks end without a deal", published_at=NOW - timedelta(hours=1))
    page = client.get(UPDATES).content.decode()
    assert "data-live-poll" in page and "has ended" not in page
    assert "coverageEndTime" not in live_blog(client)
    version = re.search(r"\?v=(\w+)", page)[1]

    response = desk_client.post(reverse("live:coverage-end"), headers={"HX-Request": "true"})
    assert "Nothing changed: to end the live coverage, tick the box" in response.content.decode()
    assert Counter.objects.get().coverage_ended_at is None  # not without confirming
    response = desk_client.post(
        reverse("live:coverage-end"), {"confirm": "yes"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "The live coverage has ended." in body and "Reopen the live coverage" in body

    assert Counter.objects.get().coverage_ended_at == NOW
    page = client.get(UPDATES).content.decode()
    assert "data-live-poll" not in page  # neither the bar nor the new-updates poll
    assert "This live coverage has ended" in page
    bar = page.partition('id="live-bar-content"')[2].partition("</div>")[0]
    assert "Coverage ended" in bar and "Last update:" in bar and ">Live<" not in bar
    assert '<time datetime="2026-12-01T12:00:00+02:00">1 December 2026, 12:00' in page
    assert datetime.fromisoformat(live_blog(client)["coverageEndTime"]) == NOW
    # Pages already open get the bar without its polling attributes, and htmx stops.
    response = client.get(BAR, {"v": version})
    assert response.status_code == 286 and b"data-hx-get" not in response.content


def test_an_ended_coverage_refuses_new_updates_until_reopened(desk_client, clock):
    make_counter(coverage_ended_at=NOW - timedelta(minutes=5))
    response = desk_client.post(DESK, {"headline": "One more thing", "kind": "update"})
    body = response.content.decode()
    assert "The live coverage has ended, so readers" in body
    assert 'value="One more thing"' in body  # what was typed stays
    assert not Banner.objects.exists()

    desk_client.post(reverse("live:coverage-reopen"))
    assert Counter.objects.get().coverage_ended_at is None
    desk_client.post(DESK, {"headline": "One more thing", "kind": "update"})
    assert Banner.objects.get().headline == "One more thing"


def test_an_earlier_update_can_still_be_edited_after_the_end(desk_client, clock):
    make_counter(coverage_ended_at=NOW - timedelta(minutes=5))
    update = make_banner("Typo in the headlnie", published_at=NOW - timedelta(hours=1))
    desk_client.post(
        reverse("live:banner-edit", args=[update.pk]),
        {"headline": "Typo in the headline", "kind": "update"},
    )
    update.refresh_from_db()
    assert update.headline == "Typo in the headline"


def test_only_those_allowed_may_end_the_coverage(django_user_model, clock):
    make_counter()
    staff = django_user_model.objects.create_user("staff", password="x-unused-1234", is_staff=True)
    client = Client()
    client.force_login(staff)
    assert client.post(reverse("live:coverage-end")).status_code == 403
    assert client.get(reverse("live:coverage-end")).status_code == 405
    assert Counter.objects.get().coverage_ended_at is None


def test_the_end_cannot_be_set_in_the_future(clock):
    counter = make_counter(coverage_ended_at=NOW + timedelta(hours=2))
    with pytest.raises(ValidationError, match="cannot end in the future"):
        counter.full_clean()


def test_open_updates_pages_stop_asking_for_new_updates_once_it_has_ended(client, clock):
    counter = make_counter(poll_interval=30)
    seen = make_banner("Seen", published_at=NOW - timedelta(hours=2))
    poll = reverse("live:updates-new")
    after = to_stamp(seen.published_at)
    assert client.get(poll, {"after": after}).status_code == 204
    arrival = make_banner("Last word", published_at=NOW - timedelta(hours=1))
    counter.coverage_ended_at = NOW - timedelta(minutes=30)
    counter.save()
    # A page open since before the end: the last button still comes, and polling stops.
    response = client.get(poll, {"after": after + 1})  # another address: not the kept 204
    assert response.status_code == 286 and b"1 new update: show them" in response.content
    response = client.get(poll, {"after": to_stamp(arrival.published_at)})
    assert response.status_code == 286 and response.content == b""
