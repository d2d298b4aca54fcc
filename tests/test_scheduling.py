"""Publish and expiry times are read-time visibility rules: no worker needed."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tracker.newsroom.models import Article

from .factories import make_article

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_a_scheduled_article_appears_on_time_and_an_expiring_one_disappears(client):
    with time_machine.travel(NOON, tick=False) as clock:
        scheduled = make_article(published_at=NOON + timedelta(hours=1))
        expiring = make_article(
            published_at=NOON - timedelta(days=1), expires_at=NOON + timedelta(hours=2)
        )
        assert client.get(scheduled.get_absolute_url()).status_code == 404
        assert client.get(expiring.get_absolute_url()).status_code == 200

        clock.move_to(NOON + timedelta(hours=1))
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        assert list(Article.objects.published()) == [scheduled, expiring]

        clock.move_to(NOON + timedelta(hours=2))
        assert client.get(expiring.get_absolute_url()).status_code == 410  # withdrawn
        assert expiring.title not in client.get("/").content.decode()
        assert list(Article.objects.published()) == [scheduled]


def test_next_visibility_change_is_the_nearest_publish_or_expiry_time():
    with time_machine.travel(NOON, tick=False) as clock:
        assert Article.objects.next_visibility_change() is None
        make_article(published_at=NOON + timedelta(hours=3))
        make_article(published_at=NOON - timedelta(hours=1), expires_at=NOON + timedelta(hours=2))
        make_article(status=Article.Status.DRAFT, published_at=NOON + timedelta(minutes=5))
        assert Article.objects.next_visibility_change() == NOON + timedelta(hours=2)

        clock.move_to(NOON + timedelta(hours=2, minutes=30))
        assert Article.objects.next_visibility_change() == NOON + timedelta(hours=3)


def test_the_admin_lists_upcoming_scheduled_articles(staff_client):
    make_article(title="Coming tomorrow", published_at=timezone.now() + timedelta(days=1))
    make_article(title="Already live")
    page = staff_client.get(
        reverse("admin:newsroom_article_changelist"), {"visibility": "scheduled"}
    ).content.decode()
    assert "Coming tomorrow" in page and "Already live" not in page


def test_expiry_must_come_after_the_publish_time(chief_client):
    from .admin_forms import open_change_form, save

    article = make_article()
    data = open_change_form(chief_client, article)
    before = article.published_at - timedelta(days=1)
    response = save(
        chief_client,
        article,
        data,
        expires_at=before.strftime("%Y-%m-%dT%H:%M:%S"),
    )
    assert response.status_code == 200
    assert "The expiry time must come after the publish time." in response.content.decode()
