"""Draft → in review → published, and unpublished: who may take each step."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from tracker.newsroom.models import Article

from .admin_forms import open_change_form, save
from .factories import make_article

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.mark.parametrize(
    ("start", "step", "end"),
    [
        (Status.DRAFT, "submit", Status.IN_REVIEW),
        (Status.IN_REVIEW, "return", Status.DRAFT),
        (Status.UNPUBLISHED, "redraft", Status.DRAFT),
    ],
)
def test_editors_submit_for_review_and_return_to_draft(editor_client, start, step, end):
    article = make_article(status=start)
    response = save(
        editor_client, article, open_change_form(editor_client, article), _transition=step
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == end
    # The editor stays on the article and is told what happened.
    page = editor_client.get(response.url).content.decode()
    assert article.title in page and "messagelist" in page


@pytest.mark.parametrize("start", [Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED])
def test_chief_editors_publish_and_visitors_see_it(chief_client, client, start):
    article = make_article(status=start)
    response = save(
        chief_client, article, open_change_form(chief_client, article), _transition="publish"
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 200


def test_chief_editors_unpublish(chief_client, client):
    article = make_article()
    save(chief_client, article, open_change_form(chief_client, article), _transition="unpublish")
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 410  # withdrawn


def test_editors_see_only_the_steps_open_to_them(editor_client, chief_client):
    article = make_article(status=Status.IN_REVIEW)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    editor_page = editor_client.get(url).content.decode()
    chief_page = chief_client.get(url).content.decode()
    assert 'value="return"' in editor_page and 'value="publish"' not in editor_page
    assert 'value="return"' in chief_page and 'value="publish"' in chief_page


@pytest.mark.parametrize("step", ["publish", "unpublish"])
def test_the_server_refuses_an_editor_who_forges_a_publish_step(editor_client, step):
    start = Status.PUBLISHED if step == "unpublish" else Status.IN_REVIEW
    article = make_article(status=start)
    data = open_change_form(editor_client, article)
    response = save(editor_client, article, data, _transition=step, standfirst="Edited text.")
    assert response.status_code == 200
    assert "Only chief editors can publish" in response.content.decode()
    article.refresh_from_db()
    assert article.status == start and article.standfirst != "Edited text."


def test_a_step_that_does_not_fit_the_status_is_refused(chief_client):
    article = make_article(status=Status.DRAFT)
    data = open_change_form(chief_client, article)
    response = save(chief_client, article, data, _transition="unpublish")
    assert "This step is not available: the article is draft." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_editors_cannot_schedule_but_chief_editors_can(editor_client, chief_client):
    article = make_article(status=Status.IN_REVIEW)
    later = timezone.localtime() + timedelta(days=1)
    when = {"published_at": later.strftime("%Y-%m-%dT09:00")}

    save(editor_client, article, open_change_form(editor_client, article), **when)
    article.refresh_from_db()
    assert article.published_at is None  # the field is read-only for editors

    response = save(
        chief_client,
        article,
        open_change_form(chief_client, article),
        **when,
        _transition="publish",
    )
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and not article.is_public
    assert "Scheduled: visitors see it from" in chief_client.get(response.url).content.decode()


def test_the_status_field_cannot_be_posted_directly(editor_client):
    article = make_article(status=Status.DRAFT)
    save(editor_client, article, open_change_form(editor_client, article), status="published")
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_publish_actions_are_for_chief_editors_only(editor_client, chief_client):
    article = make_article(status=Status.IN_REVIEW)
    url = reverse("admin:newsroom_article_changelist")
    assert 'value="publish"' not in editor_client.get(url).content.decode()
    editor_client.post(url, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW

    chief_client.post(url, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_the_groups_exist_with_the_right_permissions():
    editors = Group.objects.get(name="Editors")
    chiefs = Group.objects.get(name="Chief editors")
    editor_perms = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "view_article", "change_source"} <= editor_perms
    assert "publish_article" not in editor_perms and "delete_article" not in editor_perms
    assert "publish_article" in chiefs.permissions.values_list("codename", flat=True)


def test_the_article_list_shows_who_changed_it_last(editor_client):
    article = make_article(status=Status.DRAFT)
    save(editor_client, article, open_change_form(editor_client, article))
    page = editor_client.get(reverse("admin:newsroom_article_changelist")).content.decode()
    assert "Last changed by" in page and '<td class="field-changed_by">Olena</td>' in page


def test_the_group_permissions_cover_the_new_parts():
    editors = Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    assert {"add_note", "delete_note", "add_previewlink", "delete_section"} <= set(editors)
    assert (
        Group.objects.get(name="Chief editors")
        .permissions.filter(codename="delete_article")
        .exists()
    )
