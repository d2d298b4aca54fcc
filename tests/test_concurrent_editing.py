"""Two editors on one article: the second save is refused, and nothing typed is lost."""

import pytest

from tracker.newsroom.models import Article

from .admin_forms import open_change_form, save
from .factories import make_article
from .html import form_data

pytestmark = pytest.mark.django_db


def test_a_stale_save_is_refused_naming_who_saved_and_what_changed(
    editor_client, second_editor_client
):
    article = make_article(title="Front line in March")
    save(editor_client, article, open_change_form(editor_client, article))  # a first revision

    olena = open_change_form(editor_client, article)
    mark = open_change_form(second_editor_client, article)
    mark_saves = save(second_editor_client, article, mark, title="Front line in April")
    assert mark_saves.status_code == 302

    response = save(editor_client, article, olena, standfirst="Olena's careful new standfirst.")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mark saved this article at" in page
    assert "and changed: title" in page
    assert "Nothing was saved" in page
    assert "Olena&#x27;s careful new standfirst." in page  # still in the form
    article.refresh_from_db()
    assert article.title == "Front line in April"
    assert article.standfirst != "Olena's careful new standfirst."

    # Having seen the message, saving again from the same form knowingly replaces Mark's version.
    again = form_data(page, "article_form")
    assert save(editor_client, article, again).status_code == 302
    article.refresh_from_db()
    assert article.standfirst == "Olena's careful new standfirst."
    assert article.title == "Front line in March"


def test_every_save_moves_the_version_on():
    article = make_article()
    before = article.version
    article.save()
    assert Article.objects.get(pk=article.pk).version == before + 1


def test_a_save_without_the_version_is_refused(editor_client):
    article = make_article()
    data = open_change_form(editor_client, article)
    del data["version"]
    response = save(editor_client, article, data, title="Sneaky")
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title != "Sneaky"


def test_a_revert_started_before_another_save_is_refused(editor_client, second_editor_client):
    from django.urls import reverse
    from reversion.models import Version

    article = make_article(title="First")
    save(editor_client, article, open_change_form(editor_client, article))
    first = Version.objects.get_for_object(article).first()
    url = reverse("admin:newsroom_article_revision", args=[article.pk, first.pk])
    revert_form = form_data(editor_client.get(url).content.decode(), "article_form")

    save(
        second_editor_client,
        article,
        open_change_form(second_editor_client, article),
        title="Second",
    )
    response = editor_client.post(url, revert_form)
    assert response.status_code == 200
    assert "Mark saved this article" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Second"
