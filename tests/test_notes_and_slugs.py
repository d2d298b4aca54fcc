"""Public update and correction notes, the editorial "updated" time, and renamed slugs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tracker.newsroom.models import Article, Note

from .admin_forms import open_change_form, save
from .factories import make_article

pytestmark = pytest.mark.django_db


def test_notes_show_on_the_article_in_order_with_their_times(client):
    article = make_article()
    first = timezone.now() - timedelta(hours=2)
    Note.objects.create(
        article=article, position=2, text="Casualty figures revised", noted_at=first
    )
    Note.objects.create(
        article=article,
        position=1,
        kind=Note.Kind.CORRECTION,
        text="An earlier <b>name</b> was wrong",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index("Correction") < page.index("Updated <time")
    assert "Casualty figures revised" in page
    assert "&lt;b&gt;name&lt;/b&gt;" in page  # plain text, escaped
    shown = f"{timezone.localtime(first):%H:%M} Kyiv time ({timezone.localtime(first):%Z})</time>"
    assert f"{shown}:</strong> Casualty figures revised" in page  # the time says its zone


def test_the_updated_time_moves_only_on_a_substantive_change(editor_client):
    article = make_article(updated_at=None)
    save(editor_client, article, open_change_form(editor_client, article), title="Typo fixed")
    article.refresh_from_db()
    assert article.title == "Typo fixed" and article.updated_at is None

    data = open_change_form(editor_client, article)
    save(editor_client, article, data, title="Figures revised", substantive="on")
    article.refresh_from_db()
    assert article.updated_at is not None
    assert timezone.now() - article.updated_at < timedelta(minutes=1)


# Redirects are cached pages: renames retire them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_renaming_a_published_article_redirects_the_old_address(editor_client, client):
    article = make_article(slug="old-name")
    old_url = article.get_absolute_url()
    save(editor_client, article, open_change_form(editor_client, article), slug="new-name")
    article.refresh_from_db()
    assert article.slug == "new-name"
    response = client.get(old_url)
    assert response.status_code == 301 and response.url == "/articles/new-name/"

    # Renaming again keeps the first address working too, straight to the newest one.
    article.slug = "newest-name"
    article.save()
    assert client.get(old_url)["Location"] == "/articles/newest-name/"
    assert client.get("/articles/new-name/")["Location"] == "/articles/newest-name/"


def test_renaming_a_draft_keeps_no_redirect_and_an_unpublished_one_does_not_leak(client):
    draft = make_article(slug="draft-one", status=Article.Status.DRAFT)
    draft.slug = "draft-two"
    draft.save()
    assert client.get("/articles/draft-one/").status_code == 404

    gone = make_article(slug="was-live")
    gone.slug = "now-hidden"
    gone.status = Article.Status.UNPUBLISHED
    gone.save()
    assert client.get("/articles/was-live/").status_code == 404


def test_a_new_article_may_take_a_former_slug(client):
    renamed = make_article(slug="shared-name")
    renamed.slug = "renamed"
    renamed.save()
    newcomer = make_article(slug="shared-name", title="The newcomer")
    assert "The newcomer" in client.get("/articles/shared-name/").content.decode()
    assert newcomer.pk != renamed.pk
