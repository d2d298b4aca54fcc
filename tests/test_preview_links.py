"""Signed preview links for reviewers without an account."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tracker.newsroom.models import Article, PreviewLink

from .admin_forms import open_change_form, save
from .factories import make_article

pytestmark = pytest.mark.django_db


def add_link(editor_client, article):
    """The editor adds a preview link row on the article and saves."""
    data = open_change_form(editor_client, article)
    expires = timezone.localtime() + timedelta(hours=48)
    data |= {
        "preview_links-TOTAL_FORMS": "1",
        "preview_links-0-expires_at": expires.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    response = save(editor_client, article, data)
    assert response.status_code == 302
    return PreviewLink.objects.get(article=article)


def test_an_editor_shares_the_latest_draft_with_a_reviewer(editor_client, client):
    article = make_article(status=Article.Status.DRAFT, title="Draft under review")
    link = add_link(editor_client, article)
    assert link.created_by == editor_client.user

    # The change form shows the link to copy.
    assert (
        link.get_absolute_url()
        in editor_client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    )

    Article.objects.filter(pk=article.pk).update(title="Draft, edited after sharing")
    response = client.get(link.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Draft, edited after sharing" in page and "Preview, not published" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_link_expires_after_48_hours_by_default(client):
    link = PreviewLink.objects.create(article=make_article(status=Article.Status.DRAFT))
    with time_machine.travel(timezone.now() + timedelta(hours=47)):
        assert client.get(link.get_absolute_url()).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_revoked_link_stops_working(editor_client, client):
    article = make_article(status=Article.Status.DRAFT)
    link = add_link(editor_client, article)
    data = open_change_form(editor_client, article)
    data["preview_links-0-revoked"] = "on"
    assert save(editor_client, article, data).status_code == 302

    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "The editor withdrew this link" in response.content.decode()


def test_the_link_stays_the_same_over_time():
    link = PreviewLink.objects.create(article=make_article(status=Article.Status.DRAFT))
    url = link.get_absolute_url()
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert link.get_absolute_url() == url


@pytest.mark.parametrize("token", ["1:forged-signature", "nonsense", "MQ:1v2abc:xyz"])
def test_a_tampered_link_gives_a_clear_page_not_an_error(client, token):
    response = client.get(f"/preview/links/{token}/")
    assert response.status_code == 404
    assert "This preview link no longer works" in response.content.decode()


def test_a_link_to_a_deleted_article_gives_a_clear_page(client):
    article = make_article(status=Article.Status.DRAFT)
    url = PreviewLink.objects.create(article=article).get_absolute_url()
    article.delete()
    assert client.get(url).status_code == 404
    assert "This preview link no longer works" in client.get(url).content.decode()
